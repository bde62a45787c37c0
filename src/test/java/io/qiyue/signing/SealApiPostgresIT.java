package io.qiyue.signing;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class SealApiPostgresIT extends SealApiContract {
}

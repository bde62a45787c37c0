package io.qiyue.importing;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class ImportApiPostgresIT extends ImportApiContract {
}

package io.qiyue.signing;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class SealApiH2IT extends SealApiContract {
}

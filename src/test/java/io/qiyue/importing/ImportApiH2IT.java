package io.qiyue.importing;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class ImportApiH2IT extends ImportApiContract {
}

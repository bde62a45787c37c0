package io.qiyue.shared.persistence;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class MigrationH2IT extends MigrationContract {
}

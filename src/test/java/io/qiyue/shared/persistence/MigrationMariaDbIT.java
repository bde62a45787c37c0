package io.qiyue.shared.persistence;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class MigrationMariaDbIT extends MigrationContract {
}

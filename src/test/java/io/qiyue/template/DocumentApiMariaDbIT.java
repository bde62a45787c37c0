package io.qiyue.template;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class DocumentApiMariaDbIT extends DocumentApiContract {
}

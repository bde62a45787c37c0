package io.qiyue.review;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class AcceptancePermissionApiMariaDbIT extends AcceptancePermissionApiContract {
}

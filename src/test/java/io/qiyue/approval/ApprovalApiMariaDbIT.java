package io.qiyue.approval;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class ApprovalApiMariaDbIT extends ApprovalApiContract {
}

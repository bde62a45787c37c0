package io.qiyue.approval;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class ApprovalApiH2IT extends ApprovalApiContract {
}

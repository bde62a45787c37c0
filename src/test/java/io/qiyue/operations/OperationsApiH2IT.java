package io.qiyue.operations;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class OperationsApiH2IT extends OperationsApiContract {
}

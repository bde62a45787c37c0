package io.qiyue.operations;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class OperationsApiPostgresIT extends OperationsApiContract {
}

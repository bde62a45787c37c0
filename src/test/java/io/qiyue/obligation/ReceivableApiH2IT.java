package io.qiyue.obligation;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class ReceivableApiH2IT extends ReceivableApiContract {
}

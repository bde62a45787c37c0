package io.qiyue.audit;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class AuditChainApiH2IT extends AuditChainApiContract {
}

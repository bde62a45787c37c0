package io.qiyue.audit;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class AuditChainApiPostgresIT extends AuditChainApiContract {
}

package io.qiyue.audit;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class AuditChainApiMariaDbIT extends AuditChainApiContract {
}

package io.qiyue.idempotency;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class IdempotencyApiMariaDbIT extends IdempotencyApiContract {
}

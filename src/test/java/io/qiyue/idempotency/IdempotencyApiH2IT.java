package io.qiyue.idempotency;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class IdempotencyApiH2IT extends IdempotencyApiContract {
}

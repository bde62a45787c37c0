package io.qiyue.negotiation;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class NegotiationApiPostgresIT extends NegotiationApiContract {
}

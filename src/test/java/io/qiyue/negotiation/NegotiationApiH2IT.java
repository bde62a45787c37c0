package io.qiyue.negotiation;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class NegotiationApiH2IT extends NegotiationApiContract {
}

package io.qiyue.signing;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class SigningApiH2IT extends SigningApiContract {
}

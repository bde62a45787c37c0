package io.qiyue.customer;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class CustomerApiH2IT extends CustomerApiContract {
}

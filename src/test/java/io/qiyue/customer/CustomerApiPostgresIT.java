package io.qiyue.customer;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class CustomerApiPostgresIT extends CustomerApiContract {
}

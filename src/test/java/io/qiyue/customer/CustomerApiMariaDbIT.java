package io.qiyue.customer;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class CustomerApiMariaDbIT extends CustomerApiContract {
}

package io.qiyue.search;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class SearchApiPostgresIT extends SearchApiContract {
}

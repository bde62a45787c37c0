package io.qiyue.search;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class SearchApiH2IT extends SearchApiContract {
}

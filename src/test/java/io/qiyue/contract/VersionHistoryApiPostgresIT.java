package io.qiyue.contract;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class VersionHistoryApiPostgresIT extends VersionHistoryApiContract {
}

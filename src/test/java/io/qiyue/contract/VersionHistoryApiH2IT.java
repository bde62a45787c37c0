package io.qiyue.contract;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class VersionHistoryApiH2IT extends VersionHistoryApiContract {
}

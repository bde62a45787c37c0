package io.qiyue.security;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class AccessCacheH2IT extends AccessCacheApiContract {
}

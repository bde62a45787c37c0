package io.qiyue.security;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class AccessCachePostgresIT extends AccessCacheApiContract {
}

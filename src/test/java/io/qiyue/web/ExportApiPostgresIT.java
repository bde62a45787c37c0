package io.qiyue.web;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class ExportApiPostgresIT extends ExportApiContract {
}

package io.qiyue.template;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class DocumentApiH2IT extends DocumentApiContract {
}

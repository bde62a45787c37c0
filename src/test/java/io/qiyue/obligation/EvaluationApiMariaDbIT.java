package io.qiyue.obligation;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.MARIADB)
class EvaluationApiMariaDbIT extends EvaluationApiContract {
}

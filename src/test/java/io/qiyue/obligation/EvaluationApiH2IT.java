package io.qiyue.obligation;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class EvaluationApiH2IT extends EvaluationApiContract {
}

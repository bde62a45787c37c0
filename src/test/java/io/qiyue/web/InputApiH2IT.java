package io.qiyue.web;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class InputApiH2IT extends InputApiContract {
}

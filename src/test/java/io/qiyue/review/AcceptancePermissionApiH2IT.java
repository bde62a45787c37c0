package io.qiyue.review;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class AcceptancePermissionApiH2IT extends AcceptancePermissionApiContract {
}

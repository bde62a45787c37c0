package io.qiyue.notification;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.H2)
class NotificationApiH2IT extends NotificationApiContract {
}

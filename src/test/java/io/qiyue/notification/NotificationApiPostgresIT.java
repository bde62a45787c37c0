package io.qiyue.notification;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

@UsingDatabase(TestDatabase.POSTGRES)
class NotificationApiPostgresIT extends NotificationApiContract {
}

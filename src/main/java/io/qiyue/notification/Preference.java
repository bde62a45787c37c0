package io.qiyue.notification;

/** Whether one user is told of one kind of event in the application and by e-mail. */
public record Preference(EventKind kind, boolean inApp, boolean email) {
}

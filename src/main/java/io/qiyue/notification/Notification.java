package io.qiyue.notification;

import java.time.Instant;

/** An in-app notification of one user; {@code link} is a path inside the application. */
public record Notification(String id, EventKind kind, String contractId, String title, String body, String link,
                           Instant createdAt, Instant readAt) {
    public boolean read() {
        return readAt != null;
    }
}

package io.qiyue.notification;

import java.time.Instant;

/** One outbox message as its log shows it: how often it was tried, what the receiver answered, when next. */
public record Delivery(String id, String event, String status, int attempts, Integer lastStatusCode,
                       String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
}

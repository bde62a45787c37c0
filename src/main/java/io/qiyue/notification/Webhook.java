package io.qiyue.notification;

import java.time.Instant;
import java.util.List;

/** An outgoing webhook endpoint; its secret is never shown again after it was set. */
public record Webhook(String id, String url, List<String> events, Instant createdAt, String createdBy) {

    public record WebhookInput(String url, List<String> events, String secret) {
    }
}

package io.qiyue.security;

import java.time.Instant;

/** An API token as its owner sees it; the secret itself is shown once, at creation, and never stored. */
public record ApiToken(String id, String name, String prefix, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt) {
}

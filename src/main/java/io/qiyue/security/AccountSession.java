package io.qiyue.security;

import java.time.Instant;

/**
 * One signed-in UI session of a user, as its owner sees it: when it started, when it was last used (to the
 * minute), from which address and browser, and whether it is the session asking.
 */
public record AccountSession(String id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent,
                             boolean current) {
}

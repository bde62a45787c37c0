package io.qiyue.security;

import java.time.Instant;

/** A sales team; its manager oversees the customers and contracts its members own. */
public record Team(String id, String name, String managerId, int version, Instant createdAt) {
}

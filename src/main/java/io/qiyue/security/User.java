package io.qiyue.security;

import java.time.Instant;
import java.util.Set;

/** A user account. The password hash never leaves this module. */
public record User(String id, String username, String displayName, String email, Set<Role> roles, String teamId,
                   boolean enabled, int version, Instant createdAt) {
    public User {
        roles = Set.copyOf(roles);
    }
}

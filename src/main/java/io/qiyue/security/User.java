package io.qiyue.security;

import java.time.Instant;
import java.util.Set;

/** A user account. The password hash never leaves this module. */
public record User(String id, String username, String displayName, String email, Set<Role> roles, String teamId,
                   boolean enabled, int version, Instant createdAt) {
    public User {
        roles = Set.copyOf(roles);
    }

    /** Whether the user may only read: no role but {@link Role#VIEWER} (then they sign, decide and manage nothing). */
    public boolean readOnly() {
        return roles.stream().allMatch(role -> role == Role.VIEWER);
    }
}

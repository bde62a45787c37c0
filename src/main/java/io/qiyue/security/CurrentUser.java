package io.qiyue.security;

import java.util.Set;

/** The authenticated user of the current request, as the other modules see them. */
public record CurrentUser(String id, String username, String displayName, Set<Role> roles, String teamId) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }
}

package io.qiyue.security;

import java.io.Serializable;
import java.util.Set;

/**
 * The authenticated user of the current request, as the other modules see them. Serializable: a UI
 * session keeps it, and sessions may be stored outside this process.
 */
public record CurrentUser(String id, String username, String displayName, Set<Role> roles, String teamId)
        implements Serializable {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean may(Permission permission) {
        return permission.grantedTo(roles);
    }

    /** Whether the user may only read: no role but {@link Role#VIEWER}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean readOnly() {
        return roles.stream().allMatch(role -> role == Role.VIEWER);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }
}

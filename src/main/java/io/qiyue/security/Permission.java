package io.qiyue.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a role may do beyond the data scope of customers and contracts ({@link DataScopes}): one place that says
 * which roles hold each permission, read by the services that enforce it, the URL rules and the pages that offer it.
 */
public enum Permission {
    /** Edit contract templates and the clause library: the administrator and legal, who answer for the wording. */
    MANAGE_TEMPLATES(Role.ADMIN, Role.LEGAL);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean grantedTo(Set<Role> held) {
        return held.stream().anyMatch(roles::contains);
    }

    /** The role names for Spring Security's {@code hasAnyRole}. */
    String[] roleNames() {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }
}

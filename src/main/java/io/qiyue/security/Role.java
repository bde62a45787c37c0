package io.qiyue.security;

/** The closed set of roles. Reading and writing rights per role are decided in {@link DataScopes}. */
public enum Role {
    ADMIN, SALES, SALES_MANAGER, LEGAL, FINANCE, VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}

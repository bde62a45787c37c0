package io.qiyue.security;

/** The kinds of owned records that the data scope governs. */
public enum ScopedResource {
    CUSTOMER, CONTRACT
}

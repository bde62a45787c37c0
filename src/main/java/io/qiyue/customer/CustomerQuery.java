package io.qiyue.customer;

/** Filters of the customer list; every field optional. */
public record CustomerQuery(String q, CustomerKind kind, CustomerLevel level, String owner, CustomerStatus status) {
    public static final CustomerQuery ALL = new CustomerQuery(null, null, null, null, null);
}

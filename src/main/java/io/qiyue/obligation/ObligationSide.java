package io.qiyue.obligation;

/** Who owes it: our entity (乙方, the provider) or the customer (甲方). */
public enum ObligationSide { OURS, CUSTOMER }

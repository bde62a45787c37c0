package io.qiyue.customer;

public enum CustomerKind { ORGANIZATION, PERSON }

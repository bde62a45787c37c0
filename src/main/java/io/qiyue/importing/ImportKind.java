package io.qiyue.importing;

/** What a file imports. */
public enum ImportKind { CUSTOMERS, CONTRACTS }

package io.qiyue.importing;

/** What a file imports: customers or contracts from a sheet, or a ZIP of signed scans named by contract number. */
public enum ImportKind { CUSTOMERS, CONTRACTS, SCANS }

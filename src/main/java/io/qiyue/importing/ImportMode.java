package io.qiyue.importing;

/**
 * {@link #DRY_RUN} checks every row and writes nothing; {@link #IMPORT} creates the records the file has and skips
 * those that exist (by natural key); {@link #UPDATE} creates the new ones and changes the existing ones.
 */
public enum ImportMode { DRY_RUN, IMPORT, UPDATE }

package io.qiyue.importing;

/**
 * {@link #DRY_RUN} checks every row and writes nothing; {@link #IMPORT} creates the records the file has and skips
 * those that exist (by natural key); {@link #UPDATE} creates the new ones and changes the existing ones;
 * {@link #UPDATE_DRY_RUN} checks every row as {@link #UPDATE} would (existing records as changes) and writes nothing.
 */
public enum ImportMode {
    DRY_RUN, IMPORT, UPDATE, UPDATE_DRY_RUN;

    /** Whether the file is written (when all its rows pass). */
    public boolean writes() {
        return this == IMPORT || this == UPDATE;
    }

    /** Whether a row whose natural key exists changes that record (else it is skipped). */
    public boolean updates() {
        return this == UPDATE || this == UPDATE_DRY_RUN;
    }
}

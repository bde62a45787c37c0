package io.qiyue.importing;

/** A job's state: waiting for the worker, running, done (every row written or checked), or failed (nothing written). */
public enum ImportStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}

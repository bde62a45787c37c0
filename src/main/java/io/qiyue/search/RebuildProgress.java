package io.qiyue.search;

import java.time.Instant;

/** Where a rebuild of the index from the database stands. */
public record RebuildProgress(Status status, long processed, long total, Instant startedAt, Instant finishedAt) {

    public enum Status { IDLE, RUNNING, DONE, FAILED }

    public static final RebuildProgress IDLE = new RebuildProgress(Status.IDLE, 0, 0, null, null);

    public int percent() {
        return total <= 0 ? (status == Status.DONE ? 100 : 0) : (int) Math.min(100, processed * 100 / total);
    }
}

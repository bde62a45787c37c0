package io.qiyue.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the whole chain: whether every entry is intact, how many entries were checked, the
 * head the walk ended at (record its {@code seq} and {@code hash} outside the database to detect a later
 * rewrite of the whole chain) and, when broken, the first entry that is not what it should be.
 */
public record ChainVerification(boolean valid, long entries, Head head,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Broken firstBroken) {

    /** The last entry covered by the walk; seq 0 and the all-zero hash for an empty trail. */
    public record Head(long seq, String hash) {
    }

    /**
     * The first bad entry. For {@link Reason#MISSING} {@code seq} is the number that is absent and {@code id}
     * is null: the entry is gone, only its place is known.
     */
    public record Broken(long seq, @JsonInclude(JsonInclude.Include.NON_NULL) String id, Reason reason) {
    }

    public enum Reason {
        /** The entry's content no longer matches its hash: a column was changed after it was written. */
        TAMPERED,
        /** A seq number is absent (a deleted entry), or the trail ends before the head says it does. */
        MISSING,
        /** The entry's previous hash is not the hash of the entry before it: entries were replaced or reordered. */
        BROKEN_LINK
    }
}

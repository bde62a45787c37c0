package io.qiyue.contract;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a contract stands with the legal review, for lists and queues: read from the review module's view
 * {@code contract_review_state} (the review runs at every save, so NONE is a contract saved before that, or
 * imported without one).
 */
public enum ReviewState {
    /** never reviewed */
    NONE,
    /** the last review is of an earlier version */
    OUTDATED,
    /** a blocker stands */
    BLOCKED,
    /** no blocker, but a warning nobody has accepted */
    WARNINGS,
    /** nothing blocks: no blocker, every warning accepted (infos may remain) */
    CLEAN;

    /** What the list's review filter offers: one state, or everything that still needs someone's attention. */
    public enum Filter {
        OPEN(EnumSet.of(ReviewState.NONE, ReviewState.OUTDATED, ReviewState.BLOCKED, ReviewState.WARNINGS)),
        BLOCKED(EnumSet.of(ReviewState.BLOCKED)),
        WARNINGS(EnumSet.of(ReviewState.WARNINGS)),
        OUTDATED(EnumSet.of(ReviewState.OUTDATED, ReviewState.NONE)),
        CLEAN(EnumSet.of(ReviewState.CLEAN));

        private final Set<ReviewState> states;

        Filter(Set<ReviewState> states) {
            this.states = states;
        }

        public Set<ReviewState> states() {
            return states;
        }
    }
}

package io.qiyue.obligation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A concern case's states as one table: which states each may move to. Every change of status goes through
 * {@link #mayMoveTo}; a case is resolved or closed only with a resolution ({@link #needsResolution}).
 */
public enum CaseStatus {
    OPEN, IN_PROGRESS, RESOLVED, CLOSED;

    private static final Map<CaseStatus, Set<CaseStatus>> TABLE = table();

    private static Map<CaseStatus, Set<CaseStatus>> table() {
        var t = new EnumMap<CaseStatus, Set<CaseStatus>>(CaseStatus.class);
        t.put(OPEN, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED));
        t.put(IN_PROGRESS, EnumSet.of(RESOLVED, CLOSED));
        // a resolution the customer does not accept takes the case up again
        t.put(RESOLVED, EnumSet.of(CLOSED, IN_PROGRESS));
        t.put(CLOSED, EnumSet.of(IN_PROGRESS));
        t.replaceAll((s, next) -> Collections.unmodifiableSet(next));
        return Collections.unmodifiableMap(t);
    }

    public boolean mayMoveTo(CaseStatus to) {
        return TABLE.get(this).contains(to);
    }

    public List<CaseStatus> next() {
        return List.copyOf(TABLE.get(this));
    }

    /** Still to be dealt with: open or in progress. */
    public boolean open() {
        return this == OPEN || this == IN_PROGRESS;
    }

    /** Arriving here needs a resolution: what was found and done. */
    public boolean needsResolution() {
        return this == RESOLVED || this == CLOSED;
    }
}

package io.qiyue.obligation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qiyue.obligation.ObligationAction.*;

/** An obligation's states and moves as one table; every change of status goes through {@link #next}. */
public enum ObligationStatus {
    PENDING, OVERDUE, DONE, WAIVED;

    private static final Map<ObligationStatus, Map<ObligationAction, ObligationStatus>> TABLE = table();

    private static Map<ObligationStatus, Map<ObligationAction, ObligationStatus>> table() {
        var t = new EnumMap<ObligationStatus, Map<ObligationAction, ObligationStatus>>(ObligationStatus.class);
        for (ObligationStatus s : values()) {
            t.put(s, new EnumMap<>(ObligationAction.class));
        }
        t.get(PENDING).put(COMPLETE, DONE);
        t.get(PENDING).put(WAIVE, WAIVED);
        t.get(PENDING).put(MARK_OVERDUE, OVERDUE);
        t.get(OVERDUE).put(COMPLETE, DONE);
        t.get(OVERDUE).put(WAIVE, WAIVED);
        t.get(OVERDUE).put(RESCHEDULE, PENDING);
        t.get(DONE).put(REOPEN, PENDING);
        // a waiver given by mistake (or an agreement that fell through) is taken back the same way
        t.get(WAIVED).put(REOPEN, PENDING);
        t.replaceAll((status, moves) -> Collections.unmodifiableMap(moves));
        return Collections.unmodifiableMap(t);
    }

    public Optional<ObligationStatus> next(ObligationAction action) {
        return Optional.ofNullable(TABLE.get(this).get(action));
    }

    public List<ObligationAction> allowedActions() {
        return List.copyOf(TABLE.get(this).keySet());
    }

    /** Still owed: pending or late. */
    public boolean open() {
        return this == PENDING || this == OVERDUE;
    }
}

package io.qiyue.audit;

import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Locale;

/**
 * The audit list's filters, each optional: the record (type, id), who acted (a username, or {@code system}, also
 * written 系统), the action ({@code CREATE}, {@code UPDATE}, {@code DELETE}) and the days it happened on, from and to
 * inclusive, in China time.
 */
public record AuditQuery(String entityType, String entityId, String actor, String action, LocalDate from,
                         LocalDate to) {

    private static final java.util.Set<String> ACTIONS = java.util.Set.of("CREATE", "UPDATE", "DELETE");

    /** The filters as given, checked: 400 naming the field for an unknown action or days in the wrong order. */
    public static AuditQuery of(String entityType, String entityId, String actor, String action, LocalDate from,
                                LocalDate to) {
        var violations = new ArrayList<FieldViolation>();
        String act = action == null || action.isBlank() ? null : action.trim().toUpperCase(Locale.ROOT);
        if (act != null && !ACTIONS.contains(act)) {
            violations.add(new FieldViolation("action", "qiyue.audit.action-unknown", action.trim()));
        }
        if (from != null && to != null && to.isBefore(from)) {
            violations.add(new FieldViolation("to", "qiyue.audit.to-before-from", from));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        // the page asks for 系统 in Chinese: the system's own moves are recorded as "system"
        String who = blankToNull(actor);
        return new AuditQuery(blankToNull(entityType), blankToNull(entityId), "系统".equals(who) ? "system" : who, act,
                from, to);
    }

    /** No filter: the whole trail. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

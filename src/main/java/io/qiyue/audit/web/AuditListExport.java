package io.qiyue.audit.web;

import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit list (filtered by entity type and id, or all of it) as a file, in words as the page shows it: the
 * record by its number or name, the actor by display name, each change as "field: before → after". The page's
 * hash columns stay with the one-entity export (CSV/PDF), which is the evidence.
 */
@Component
class AuditListExport {
    private final AuditTrail trail;
    private final AuditView view;
    private final MessageSource messages;
    private final Clock clock;

    AuditListExport(AuditTrail trail, AuditView view, MessageSource messages, Clock clock) {
        this.trail = trail;
        this.view = view;
        this.messages = messages;
        this.clock = clock;
    }

    void write(io.qiyue.audit.AuditQuery query, ListExport.Format format, HttpServletResponse response) {
        var entries = trail.findAll(query);
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("export.audit.seq", "audit.time", "audit.actor", "audit.entityType",
                "audit.entityId", "audit.subject", "audit.action", "audit.changes", "export.audit.ip");
        try (var export = ListExport.start(response, format, "audit", words.text("export.audit.file"),
                LocalDate.now(clock), words.text("export.audit.sheet"), headers)) {
            entries.forEach(batch -> {
                for (var row : view.rows(batch, words.locale())) {
                    var e = row.entry();
                    String changes = Stream.concat(row.changes().stream(), row.moreChanges().stream())
                            .map(c -> c.label() + ": " + nullToEmpty(c.before()) + " → " + nullToEmpty(c.after()))
                            .collect(Collectors.joining("\n"));
                    export.row(e.seq(), words.time(e.occurredAt()), row.actorName(),
                            words.text("audit.type." + e.entityType(), e.entityType()), e.entityId(),
                            row.subject() == null ? null : row.subject().name(),
                            words.text("audit.action." + e.action().name()), changes, e.ip());
                }
            });
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

package io.qiyue.audit.web;

import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit list (filtered by entity type and id, or all of it) as a file, in words as the page shows it: the
 * record by its number or name, the actor by display name, each change as "field: before → after". The page's
 * hash columns stay with the one-entity export (CSV/PDF), which is the evidence.
 */
@Component
class AuditListExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

    void write(String entity, String id, ListExport.Format format, HttpServletResponse response) {
        var entries = trail.findAll(entity, id);
        Locale locale = LocaleContextHolder.getLocale();
        var headers = List.of(text("export.audit.seq", locale), text("audit.time", locale),
                text("audit.actor", locale), text("audit.entityType", locale), text("audit.entityId", locale),
                text("audit.subject", locale), text("audit.action", locale), text("audit.changes", locale),
                text("export.audit.ip", locale));
        try (var export = ListExport.start(response, format, "audit", text("export.audit.file", locale),
                LocalDate.now(clock), text("export.audit.sheet", locale), headers)) {
            entries.forEach(batch -> {
                for (var row : view.rows(batch, locale)) {
                    var e = row.entry();
                    String changes = Stream.concat(row.changes().stream(), row.moreChanges().stream())
                            .map(c -> c.label() + ": " + nullToEmpty(c.before()) + " → " + nullToEmpty(c.after()))
                            .collect(Collectors.joining("\n"));
                    export.row(e.seq(), TIME.format(e.occurredAt().atZone(clock.getZone())), row.actorName(),
                            messages.getMessage("audit.type." + e.entityType(), null, e.entityType(), locale),
                            e.entityId(), row.subject() == null ? null : row.subject().name(),
                            text("audit.action." + e.action().name(), locale), changes, e.ip());
                }
            });
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }
}

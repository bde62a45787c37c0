package io.qiyue.notification;

import io.qiyue.obligation.EvaluationEvents;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervision and evaluation, in the transaction of what happened: the customer's contact (no account) gets the
 * link by e-mail; a low rating and a new case are told to the contract's (or case's) owner and the owner's team
 * manager.
 */
@Component
class EvaluationEventListener {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Dispatcher dispatcher;
    private final Outbox outbox;
    private final NotificationSettingsStore settings;
    private final Recipients recipients;
    private final MessageSource messages;
    private final Clock clock;

    EvaluationEventListener(Dispatcher dispatcher, Outbox outbox, NotificationSettingsStore settings,
                            Recipients recipients, MessageSource messages, Clock clock) {
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.settings = settings;
        this.recipients = recipients;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void on(EvaluationEvents.LinkIssued e) {
        if (e.contactEmail() == null || e.contactEmail().isBlank()) {
            return;
        }
        String template = e.report() ? "report" : switch (e.purpose()) {
            case CONFIRM_OBLIGATION -> "confirm";
            case PERIODIC -> "periodic";
            case PERFORMANCE_PAGE -> "performance";
        };
        Object[] args = {e.contactName() == null ? "" : e.contactName(), e.contractNumber(), e.contractTitle(),
                settings.effective().baseUrl() + e.path(), WHEN.format(e.expiresAt()),
                e.subject() == null ? "" : e.subject()};
        String subject = messages.getMessage("notification.evaluation." + template + ".subject", args, Dispatcher.ZH);
        String body = messages.getMessage("notification.evaluation." + template + ".body", args, Dispatcher.ZH);
        outbox.add(Outbox.Channel.EMAIL, e.contactEmail(), EventKind.EVALUATION_REQUESTED, subject, body,
                clock.instant());
    }

    @EventListener
    void on(EvaluationEvents.Received e) {
        if (!e.low()) {
            return;
        }
        // the low aspects by name: an overall 5 with service quality 1 must not read "5/5"
        var scores = new ArrayList<String>();
        scores.add(e.rating() + "/5");
        aspect(scores, "serviceQuality", e.serviceQuality());
        aspect(scores, "confidentiality", e.confidentiality());
        aspect(scores, "sharingAsAgreed", e.sharingAsAgreed());
        String detail = String.join("，", scores) + (e.comment() == null ? "" : "：" + e.comment());
        dispatcher.dispatch(new Occurrence(EventKind.EVALUATION_LOW, e.contractId(), e.contractNumber(),
                e.contractTitle(), recipients.withManager(e.contractOwner()), "system", detail, null, e.at()));
    }

    @EventListener
    void on(EvaluationEvents.CaseOpened e) {
        String category = messages.getMessage("enum.CaseCategory." + e.category().name(), null, e.category().name(),
                Dispatcher.ZH);
        dispatcher.dispatch(new Occurrence(EventKind.CASE_OPENED, e.contractId(), e.contractNumber(),
                e.contractTitle(), recipients.withManager(e.owner()), e.actor(), category + "：" + e.description(), null,
                e.at()));
    }

    private void aspect(List<String> scores, String key, Integer score) {
        if (score != null) {
            scores.add(messages.getMessage("evaluation.aspect." + key, null, key, Dispatcher.ZH) + " " + score + "/5");
        }
    }
}

package io.qiyue.obligation;

import io.qiyue.contract.Contracts;
import io.qiyue.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reminders of supervision and evaluation: a confirmation or periodic evaluation the customer has not answered
 * for a week goes to the contract's owner (to follow up by phone), and a case whose deadline is within two days
 * (or today) goes to its owner.
 */
@Component
class EvaluationReminders implements ReminderSource {
    static final Duration UNANSWERED_AFTER = Duration.ofDays(7);
    static final int CASE_DAYS_AHEAD = 2;

    private final EvaluationStore store;
    private final Contracts contracts;

    EvaluationReminders(EvaluationStore store, Contracts contracts) {
        this.store = store;
        this.contracts = contracts;
    }

    @Override
    public void remindersFor(LocalDate today, Consumer<Reminder> sink) {
        var startOfToday = today.atStartOfDay(Obligations.CHINA).toInstant();
        store.unanswered(startOfToday.minus(UNANSWERED_AFTER), startOfToday, link -> {
            try {
                var c = contracts.internal(link.contractId());
                sink.accept(new Reminder("EVALUATION_UNANSWERED:" + link.id(), ReminderKind.EVALUATION_UNANSWERED,
                        c.id(), c.number(), c.title(), List.of(c.owner()),
                        LocalDate.ofInstant(link.expiresAt(), Obligations.CHINA),
                        link.contactName() == null ? link.purpose().name() : link.contactName(),
                        "/contracts/" + c.id() + "#evaluation-panel"));
            } catch (NotFoundException gone) {
                // a contract that no longer exists is nobody's reminder
            }
        });
        store.casesDue(today, today.plusDays(CASE_DAYS_AHEAD), c -> sink.accept(new Reminder(
                "CASE_DEADLINE:" + c.id() + ":" + c.deadline(), ReminderKind.CASE_DEADLINE, c.contractId(),
                c.contractNumber(), c.contractTitle(), List.of(c.owner()), c.deadline(), c.description(),
                "/cases?contractId=" + c.contractId())));
    }
}

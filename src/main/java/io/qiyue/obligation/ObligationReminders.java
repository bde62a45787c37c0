package io.qiyue.obligation;

import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The obligations' reminders: due within {@code qiyue.reminders.due-days} (default 3, today included) to the user
 * responsible (the contract's owner for what the customer owes), and past due to the user responsible and the
 * contract's owner. Duties over a period are not reminded (they cannot be late); an overdue payment is the
 * receivables' reminder (RECEIVABLE_OVERDUE), not told twice here. Past due looks back
 * {@code qiyue.reminders.overdue-days} (default 7): far enough to catch up days on which no instance ran, and a
 * first run does not send every late obligation of the past years at once.
 */
@Component
class ObligationReminders implements ReminderSource {
    private static final int PAGE = 1000;

    private final ObligationStore store;
    private final Contracts contracts;
    private final int dueDays;
    private final int overdueDays;

    ObligationReminders(ObligationStore store, Contracts contracts, @Value("${qiyue.reminders.due-days:3}") int dueDays,
                        @Value("${qiyue.reminders.overdue-days:7}") int overdueDays) {
        this.store = store;
        this.contracts = contracts;
        this.dueDays = Math.max(0, dueDays);
        this.overdueDays = Math.max(1, overdueDays);
    }

    @Override
    public void remindersFor(LocalDate today, Consumer<Reminder> sink) {
        walk(List.of(ObligationStatus.PENDING), today, today.plusDays(dueDays), List.of(), page -> {
            var heads = contracts.internalSummaries(page.stream().map(ObligationStore.Due::contractId).toList());
            for (var o : page) {
                String to = o.responsible() != null ? o.responsible() : o.contractOwner();
                sink.accept(reminder(ReminderKind.OBLIGATION_DUE, o, heads, List.of(to)));
            }
        });
        walk(List.of(ObligationStatus.PENDING, ObligationStatus.OVERDUE), today.minusDays(overdueDays),
                today.minusDays(1), List.of(ObligationKind.PAYMENT), page -> {
            var heads = contracts.internalSummaries(page.stream().map(ObligationStore.Due::contractId).toList());
            for (var o : page) {
                var to = new LinkedHashSet<String>();
                if (o.responsible() != null) {
                    to.add(o.responsible());
                }
                to.add(o.contractOwner());
                sink.accept(reminder(ReminderKind.OBLIGATION_OVERDUE, o, heads, List.copyOf(to)));
            }
        });
    }

    /** The keys name the due date: an obligation moved to a later day is reminded again for that day. */
    static String key(ReminderKind kind, String obligationId, LocalDate due) {
        return kind.name() + ":" + obligationId + ":" + due;
    }

    private static Reminder reminder(ReminderKind kind, ObligationStore.Due o, Map<String, ContractSummary> heads,
                                     List<String> to) {
        var head = heads.get(o.contractId());
        return new Reminder(key(kind, o.id(), o.dueDate()), kind, o.contractId(), head == null ? null : head.number(),
                head == null ? null : head.title(), to, o.dueDate(), o.title(), "/contracts/" + o.contractId());
    }

    private void walk(List<ObligationStatus> statuses, LocalDate from, LocalDate to, List<ObligationKind> leftOut,
                      Consumer<List<ObligationStore.Due>> pages) {
        LocalDate afterDue = null;
        String afterId = null;
        while (true) {
            var page = store.dueBetween(statuses, from, to, leftOut, afterDue, afterId, PAGE);
            if (page.isEmpty()) {
                return;
            }
            pages.accept(page);
            var last = page.getLast();
            afterDue = last.dueDate();
            afterId = last.id();
            if (page.size() < PAGE) {
                return;
            }
        }
    }
}

package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Overdue receivables (逾期回款) for the daily reminders: every overdue instalment with money still unpaid, to the
 * contract's owner, once per instalment and due date ({@code RECEIVABLE_OVERDUE:<obligationId>:<dueDate>}: a
 * due date moved by a plan change is a new reminder).
 */
@Component
class ReceivableReminders implements ReminderSource {
    private final ReceivableStore store;
    private final Contracts contracts;

    ReceivableReminders(ReceivableStore store, Contracts contracts) {
        this.store = store;
        this.contracts = contracts;
    }

    @Override
    public void remindersFor(LocalDate today, Consumer<Reminder> sink) {
        Map<String, Contract> seen = new HashMap<>();
        store.overdue(overdue -> {
            var o = overdue.instalment();
            if (overdue.unpaid().signum() <= 0 || o.dueDate() == null || !o.dueDate().isBefore(today)) {
                return;
            }
            if (seen.size() > 1_000) {
                seen.clear();
            }
            Contract c = seen.computeIfAbsent(o.contractId(), contracts::internal);
            sink.accept(new Reminder("RECEIVABLE_OVERDUE:" + o.id() + ":" + o.dueDate(), ReminderKind.RECEIVABLE_OVERDUE,
                    c.id(), c.number(), c.title(), List.of(o.contractOwner()), o.dueDate(),
                    subject(o.title(), overdue.unpaid()), "/contracts/" + c.id() + "#receivables"));
        });
    }

    /** What the reminder is about: the instalment and what is unpaid of it. */
    static String subject(String title, BigDecimal unpaid) {
        return title + " " + io.qiyue.shared.Money.written(unpaid);
    }
}

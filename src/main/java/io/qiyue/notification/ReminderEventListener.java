package io.qiyue.notification;

import io.qiyue.obligation.ReminderKind;
import io.qiyue.obligation.RemindersDue;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Listens to the reminders after their transaction committed (the event publication registry keeps a batch until
 * it was handled, so a restart loses none) and hands them to the delivery.
 */
@Component
class ReminderEventListener {
    private final ReminderDelivery delivery;

    ReminderEventListener(ReminderDelivery delivery) {
        this.delivery = delivery;
    }

    @ApplicationModuleListener
    void on(RemindersDue due) {
        delivery.deliver(due);
    }

    /** The notification kind a reminder is told as. */
    static EventKind kindOf(ReminderKind kind) {
        return switch (kind) {
            case CONTRACT_EXPIRING -> EventKind.EXPIRY_REMINDER;
            case RENEWAL_NOTICE -> EventKind.EXPIRING;
            case OBLIGATION_DUE -> EventKind.OBLIGATION_DUE;
            case OBLIGATION_OVERDUE -> EventKind.OBLIGATION_OVERDUE;
            case RECEIVABLE_OVERDUE -> EventKind.RECEIVABLE_OVERDUE;
            case EVALUATION_UNANSWERED -> EventKind.EVALUATION_UNANSWERED;
            case CASE_DEADLINE -> EventKind.CASE_DEADLINE;
        };
    }
}

package io.qiyue.obligation;

import java.time.LocalDate;
import java.util.List;

/**
 * Reminders recorded as sent for {@code day}, published in the transaction that recorded their keys: the event
 * publication registry keeps it until the notification module handled it, and a key recorded once is never
 * published again. One event carries a batch (at most {@code qiyue.reminders.batch}), so that a big day is a
 * few hundred events, not a million.
 */
public record RemindersDue(LocalDate day, List<Reminder> reminders) {
    public RemindersDue {
        reminders = List.copyOf(reminders);
    }
}

package io.qiyue.obligation;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * A contributor to the daily reminders (contracts, obligations, receivables, evaluations, cases): hands every
 * reminder due on {@code today} to {@code sink}, streaming, so that a million obligations never sit in memory.
 * Giving one again is harmless: the key decides what was sent.
 */
interface ReminderSource {
    void remindersFor(LocalDate today, Consumer<Reminder> sink);
}

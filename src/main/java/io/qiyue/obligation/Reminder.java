package io.qiyue.obligation;

import java.time.LocalDate;
import java.util.List;

/**
 * One reminder to some users. {@code key} names it for good (e.g. {@code OBLIGATION_DUE:<id>:<dueDate>}): a key
 * once sent is never sent again, across restarts and instances. {@code subject} is what it is about in words
 * (an obligation's title, an amount); {@code link} the page to open.
 */
public record Reminder(String key, ReminderKind kind, String contractId, String contractNumber,
                       String contractTitle, List<String> recipients, LocalDate dueDate, String subject,
                       String link) {
}

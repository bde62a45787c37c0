package io.qiyue.obligation;

/** What a reminder is about. */
public enum ReminderKind {
    CONTRACT_EXPIRING, RENEWAL_NOTICE, OBLIGATION_DUE, OBLIGATION_OVERDUE, RECEIVABLE_OVERDUE,
    EVALUATION_UNANSWERED, CASE_DEADLINE
}

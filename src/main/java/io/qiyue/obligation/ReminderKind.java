package io.qiyue.obligation;

/**
 * What a reminder is about. {@link #RENEWAL_NOTICE} is for completeness of the vocabulary: the renewal notice
 * itself is the contract calendar's {@code ContractExpiring} (once per end date), which {@link ContractReminders}
 * does not repeat.
 */
public enum ReminderKind {
    CONTRACT_EXPIRING, RENEWAL_NOTICE, OBLIGATION_DUE, OBLIGATION_OVERDUE, RECEIVABLE_OVERDUE,
    EVALUATION_UNANSWERED, CASE_DEADLINE
}

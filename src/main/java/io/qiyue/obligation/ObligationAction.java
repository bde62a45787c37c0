package io.qiyue.obligation;

/** The moves of an obligation ({@link ObligationStatus} holds the table). */
public enum ObligationAction {
    /** done, with a note and evidence (or, for a payment, paid in full; for a duty over a period, kept to its end) */
    COMPLETE,
    /** released with a reason (豁免): the other side agreed, or the contract ended before it was due */
    WAIVE,
    /** the due date passed (the daily scan) */
    MARK_OVERDUE,
    /** back to open: a receipt was taken back, the customer did not confirm what was marked done, a waiver withdrawn */
    REOPEN,
    /** a late one given a due date that has not passed (an instalment the customer was granted more time for) */
    RESCHEDULE
}

package io.qiyue.notification;

/**
 * The events a person can be told about, with whether an e-mail is sent by default: e-mails go out by
 * default where someone must act or a contract's standing changed against them, the rest stay in-app.
 * {@link #eventName()} is the name webhooks and robots subscribe to and receive.
 */
public enum EventKind {
    SUBMITTED(false),
    APPROVAL_REQUESTED(true, Awaits.APPROVAL_TASK),
    APPROVED(true),
    REJECTED(true),
    RETURNED(true),
    DELEGATED(true, Awaits.APPROVAL_TASK),
    APPROVER_ADDED(true, Awaits.APPROVAL_TASK),
    STEP_OVERDUE(true, Awaits.APPROVAL_TASK),
    ESCALATED(true, Awaits.APPROVAL_TASK),
    /** The contract an approver was asked to decide was withdrawn: nothing to do any more (in-app only). */
    APPROVAL_WITHDRAWN(false),
    CUSTOMER_COMMENTED(true),
    COUNTERPARTY_VERSION(true),
    SIGNING_REQUESTED(true, Awaits.SIGNING),
    SIGNATURE_REQUESTED(true, Awaits.SIGNATURE),
    SIGNER_SIGNED(false),
    SIGNING_COMPLETED(true),
    SIGNING_DECLINED(true),
    SIGNING_EXPIRED(true),
    SIGNING_LOCKED(true, Awaits.SIGNING),
    /**
     * The round cannot go on: a party's record changed after the document was approved (to the owner, who cancels it
     * and has the contract approved again).
     */
    SIGNING_BLOCKED(true, Awaits.SIGNING),
    ACTIVATED(false),
    EXPIRING(true),
    EXPIRED(true),
    TERMINATED(true),
    /** A termination recorded for a later day: the contract ends then (told as a termination is). */
    TERMINATION_SCHEDULED(true),
    RENEWED(false),
    /** A contract renewed itself for another term (自动续期): its owner and finance plan the year's fees. */
    AUTO_RENEWED(true),
    // reminders (io.qiyue.obligation.RemindersDue); e-mails of these go out as one daily digest unless the user
    // chose otherwise. The renewal notice is EXPIRING above.
    EXPIRY_REMINDER(true),
    OBLIGATION_DUE(true),
    OBLIGATION_OVERDUE(true),
    RECEIVABLE_OVERDUE(true),
    EVALUATION_UNANSWERED(true),
    CASE_DEADLINE(true),
    // supervision and evaluation (io.qiyue.obligation.EvaluationEvents)
    EVALUATION_REQUESTED(true),
    EVALUATION_LOW(true),
    CASE_OPENED(true);

    /** The kinds that reminders are told as (their e-mails may come as a daily digest). */
    static final java.util.Set<EventKind> REMINDERS = java.util.EnumSet.of(EXPIRY_REMINDER, OBLIGATION_DUE,
            OBLIGATION_OVERDUE, RECEIVABLE_OVERDUE, EVALUATION_UNANSWERED, CASE_DEADLINE);

    /**
     * What a notification of a kind asks its recipient to act on: the approval task it links to, their own signature
     * of the contract, or the contract while it is in signing. Once that is done with, its e-mail is not sent any more
     * ({@link PendingActions}) and its in-app notification is marked read.
     */
    enum Awaits { NOTHING, APPROVAL_TASK, SIGNATURE, SIGNING }

    private final boolean emailByDefault;
    private final Awaits awaits;

    EventKind(boolean emailByDefault) {
        this(emailByDefault, Awaits.NOTHING);
    }

    EventKind(boolean emailByDefault, Awaits awaits) {
        this.emailByDefault = emailByDefault;
        this.awaits = awaits;
    }

    Awaits awaits() {
        return awaits;
    }

    /** A reminder of something due rather than news of something that happened. */
    public boolean reminder() {
        return REMINDERS.contains(this);
    }

    public boolean emailByDefault() {
        return emailByDefault;
    }

    /** {@code contract.approval_requested}: stable across releases, what receivers switch on. */
    public String eventName() {
        return "contract." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<EventKind> byEventName(String name) {
        for (EventKind kind : values()) {
            if (kind.eventName().equals(name) || kind.name().equals(name)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}

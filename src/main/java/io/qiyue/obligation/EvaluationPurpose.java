package io.qiyue.obligation;

import java.time.Duration;

/**
 * What a customer's link ({@code /c/{token}}) is for. A confirmation or a periodic evaluation is answered once;
 * the performance page is read as often as the contact likes until it expires or is revoked.
 */
public enum EvaluationPurpose {
    /** confirm and rate one obligation we marked done */
    CONFIRM_OBLIGATION(Duration.ofDays(30), true),
    /** rate how we keep the contract's duties (every {@code intervalDays}) */
    PERIODIC(Duration.ofDays(30), true),
    /** the customer's performance page of the contract */
    PERFORMANCE_PAGE(Duration.ofDays(180), false);

    private final Duration validity;
    private final boolean oneUse;

    EvaluationPurpose(Duration validity, boolean oneUse) {
        this.validity = validity;
        this.oneUse = oneUse;
    }

    public Duration validity() {
        return validity;
    }

    public boolean oneUse() {
        return oneUse;
    }

    /** Whether the link carries an evaluation form (rather than the performance page). */
    public boolean evaluates() {
        return this != PERFORMANCE_PAGE;
    }
}

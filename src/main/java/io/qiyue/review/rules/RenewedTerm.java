package io.qiyue.review.rules;

import java.time.LocalDate;

/** The end of a term that renews itself a year at a time, as the lifecycle calendar moves it. */
final class RenewedTerm {
    private RenewedTerm() {
    }

    /** The end the calendar renews {@code end} to when the contract is signed on {@code day}: past it, a year at a time. */
    static LocalDate endOnSigning(LocalDate end, LocalDate day) {
        var renewed = end;
        while (renewed.isBefore(day)) {
            renewed = renewed.plusYears(1);
        }
        return renewed;
    }
}

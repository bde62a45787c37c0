package io.qiyue.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An instalment's status as it stood on a past (or coming) day, for the receivables as of that day: the stored status
 * is today's. Paid in full by the receipts received by then, or marked done on or before it: {@code DONE}; else
 * {@code OVERDUE} when its due date had passed (the day after the due date is the first day late, as
 * {@link LateDamages} counts), {@code PENDING} when it had not or the instalment waits for its trigger — so one paid
 * since is still late on a day before it was paid, and one late today was not late before its due date. A waiver is
 * not dated (Qiyue records no day for it): a waived instalment reads waived on every day.
 */
final class StatusOn {
    private StatusOn() {
    }

    /**
     * {@code owedOn}: what was still owed of it on {@code on} (its amount less the receipts received by then; zero when
     * it was marked done by then); {@code dueDate}: the day it fell due (null: waiting for its trigger).
     */
    static ObligationStatus of(ObligationStatus now, BigDecimal owedOn, LocalDate dueDate, LocalDate on) {
        if (now == ObligationStatus.WAIVED) {
            return ObligationStatus.WAIVED;
        }
        if (owedOn.signum() <= 0) {
            return ObligationStatus.DONE;
        }
        return dueDate != null && on.isAfter(dueDate) ? ObligationStatus.OVERDUE : ObligationStatus.PENDING;
    }
}

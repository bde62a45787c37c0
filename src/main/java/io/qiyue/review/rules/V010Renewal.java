package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * QY-V010: auto-renewal has a renewal-notice period that fits in the remaining term; and a termination notice is
 * not longer than the whole term (提前365日通知解除 in a six-month contract can never take effect within it).
 */
final class V010Renewal implements Rule {
    @Override
    public String id() {
        return "QY-V010";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var c = s.contract();
        var termination = s.terms().termination();
        if (termination != null && termination.noticeDays() != null && c.startDate() != null && c.endDate() != null
                && !c.endDate().isBefore(c.startDate())) {
            long term = ChronoUnit.DAYS.between(c.startDate(), c.endDate()) + 1;
            if (termination.noticeDays() > term) {
                f.report(Severity.WARNING, "/terms/termination/noticeDays", "terminationNoticeTooLong",
                        termination.noticeDays(), term);
            }
        }
        if (!c.autoRenew()) {
            return;
        }
        if (c.endDate() == null) {
            // an indefinite term has no end to renew at: the document leaves the renewal out (an outside tester
            // found it dropped without a word)
            f.report(Severity.WARNING, "/autoRenew", "noEnd");
            return;
        }
        if (c.renewalNoticeDays() == null || c.renewalNoticeDays() <= 0) { // 0 days: no time to give notice
            f.report(Severity.WARNING, "/renewalNoticeDays", "missing");
            return;
        }
        LocalDate from = c.startDate() != null && c.startDate().isAfter(s.reviewDate()) ? c.startDate() : s.reviewDate();
        // a term already over is renewed at signing to an end past the day (QY-C005 says so): the notice runs to
        // that end, not to the one in the form (an outside tester read "剩余合同期限0天" beside C005's renewed end)
        long remaining = ChronoUnit.DAYS.between(from, RenewedTerm.endOnSigning(c.endDate(), s.reviewDate()));
        if (c.renewalNoticeDays() > remaining) {
            f.report(Severity.WARNING, "/renewalNoticeDays", "tooLong", c.renewalNoticeDays(), Math.max(0, remaining));
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.ContractTerms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-C005: a start date; an end date or an indefinite term with a notice period (民法典第563条第2款); a term not over
 * before it is signed, nor longer than twenty years; the type's performance methods.
 */
final class C005Term implements Rule {
    /**
     * A term longer than this is taken for a slip in the end date: the longest term the Civil Code sets for any
     * contract is twenty years (第705条, a lease); a service relation meant to last is agreed as indefinite or renewing.
     */
    private static final int LONGEST_YEARS = 20;

    @Override
    public String id() {
        return "QY-C005";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var c = s.contract();
        ContractTerms t = s.terms();
        if (c.startDate() == null) {
            f.report(Severity.BLOCKER, "/startDate", "start");
        }
        if (c.endDate() != null && s.beforeSigning() && c.endDate().isBefore(s.reviewDate())) {
            // signed now, it would be over at once (an outside tester signed one that went straight to expired, its
            // deliveries overdue): a slip in the dates, or a contract signed after the fact that should say so
            if (c.autoRenew()) {
                // the calendar renews it a year at a time at signing, as its clause says: it does not expire
                f.report(Severity.WARNING, "/endDate", "endedRenews", c.endDate(), RenewedTerm.endOnSigning(c.endDate(), s.reviewDate()));
            } else {
                f.report(Severity.WARNING, "/endDate", "ended", c.endDate());
            }
        }
        // the last day counts: 2027-01-01 to 2046-12-31 is twenty years, one day more is over
        if (c.startDate() != null && c.endDate() != null
                && c.endDate().plusDays(1).isAfter(c.startDate().plusYears(LONGEST_YEARS))) {
            // 9999-12-31 typed for "open-ended" (an outside tester's was accepted without a word): a term of
            // thousands of years binds both sides to every duty for as long, and no renewal or notice ever comes
            f.report(Severity.WARNING, "/endDate", "long", LONGEST_YEARS, c.startDate(), c.endDate());
        }
        if (c.endDate() == null) {
            Integer notice = t.termination() == null ? null : t.termination().noticeDays();
            if (notice == null || notice <= 0) {
                f.reportCiting(Severity.BLOCKER, "/endDate", "indefinite", "end");
            }
        }
        switch (c.type()) {
            case MAINTENANCE -> {
                if (t.maintenance() == null || Texts.empty(t.maintenance().methods())) {
                    f.report(Severity.WARNING, "/terms/maintenance/methods", "methods");
                }
            }
            case CONSULTING -> {
                if (t.consulting() == null || Texts.empty(t.consulting().methods())) {
                    f.report(Severity.WARNING, "/terms/consulting/methods", "methods");
                }
            }
            case INFO_SHARING -> {
                if (Texts.empty(t.sharingMethods())) {
                    f.report(Severity.WARNING, "/terms/sharingMethods", "methods");
                }
            }
            default -> {
            }
        }
    }
}

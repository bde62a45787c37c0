package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C007: dispute resolution stated. */
final class C007Dispute implements Rule {
    @Override
    public String id() {
        return "QY-C007";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (s.terms().dispute() == null || s.terms().dispute().method() == null) {
            // the template's default clause is the contract's then: said, not to be accepted as a risk
            f.report(s.suppliedByTemplate("/terms/dispute") ? Severity.INFO : Severity.WARNING, "/terms/dispute",
                    s.suppliedByTemplate("/terms/dispute") ? "defaulted" : "missing");
        }
    }
}

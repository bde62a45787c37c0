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
            f.report(Severity.WARNING, "/terms/dispute", "missing");
        }
    }
}

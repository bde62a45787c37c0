package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C006: breach liability stated (民法典第577条 applies anyway). */
final class C006Breach implements Rule {
    @Override
    public String id() {
        return "QY-C006";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var breach = s.terms().breach();
        if (breach == null || (breach.liquidatedDamages() == null && Texts.blank(breach.description()))) {
            f.report(Severity.WARNING, "/terms/breach", "missing");
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C009: agreed termination conditions (约定解除, 民法典第562条). */
final class C009Termination implements Rule {
    @Override
    public String id() {
        return "QY-C009";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var termination = s.terms().termination();
        if (termination == null || Texts.empty(termination.conditions())) {
            f.report(Severity.WARNING, "/terms/termination/conditions", "missing");
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-V008: two or more commissions named: the parties must still agree on one (仲裁法解释第5条). */
final class V008SeveralCommissions implements Rule {
    @Override
    public String id() {
        return "QY-V008";
    }

    private final Commissions commissions;

    V008SeveralCommissions(RuleConfig config) {
        this.commissions = new Commissions(config.data("arbitrationCommissions"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var d = s.terms().dispute();
        if (d == null || Texts.blank(d.arbitrationCommission())) {
            return;
        }
        var resolution = commissions.resolve(d.arbitrationCommission());
        if (resolution.kind() == Commissions.Kind.SEVERAL) {
            f.report(Severity.WARNING, "/terms/dispute/arbitrationCommission", "several", resolution.names());
        }
    }
}

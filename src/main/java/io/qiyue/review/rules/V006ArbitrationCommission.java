package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-V006: an arbitration agreement names one commission (仲裁法第16、18条 / 2026年起第27、29条; 仲裁法解释第3、4、6条). */
final class V006ArbitrationCommission implements Rule {
    @Override
    public String id() {
        return "QY-V006";
    }

    private final Commissions commissions;

    V006ArbitrationCommission(RuleConfig config) {
        this.commissions = new Commissions(config.data("arbitrationCommissions"));
    }

    static boolean arbitration(Terms.Dispute d) {
        return d != null && (d.method() == Terms.DisputeMethod.ARBITRATION
                || d.method() == Terms.DisputeMethod.NEGOTIATION_THEN_ARBITRATION);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var dispute = s.terms().dispute();
        if (!arbitration(dispute)) {
            return;
        }
        String path = "/terms/dispute/arbitrationCommission";
        String named = dispute.arbitrationCommission();
        if (Texts.blank(named)) {
            f.reportCiting(Severity.BLOCKER, path, "missing", "missing");
            return;
        }
        var resolution = commissions.resolve(named);
        switch (resolution.kind()) {
            case EXACT, SEVERAL -> {
            }
            case INACCURATE -> f.reportCiting(Severity.INFO, path, "inaccurate", "inaccurate", named,
                    resolution.names());
            case AMBIGUOUS -> f.reportCiting(Severity.BLOCKER, path, "ambiguous", "ambiguous", named,
                    resolution.names());
            case PLACE_ONLY -> f.reportCiting(Severity.BLOCKER, path, "placeOnly", "placeOnly", named);
            case UNKNOWN -> f.reportCiting(Severity.INFO, path, "unknown", "unknown", named);
        }
    }
}

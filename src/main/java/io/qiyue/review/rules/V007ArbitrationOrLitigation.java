package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-V007: arbitration and litigation both chosen (或裁或诉) voids the arbitration agreement (仲裁法解释第7条). */
final class V007ArbitrationOrLitigation implements Rule {
    @Override
    public String id() {
        return "QY-V007";
    }

    private final int[] patterns;

    V007ArbitrationOrLitigation(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var d = s.terms().dispute();
        if (d != null && d.method() != null) {
            boolean arbitration = V006ArbitrationCommission.arbitration(d);
            if ((arbitration && !Texts.blank(d.court())) || (!arbitration && !Texts.blank(d.arbitrationCommission()))) {
                f.report(Severity.BLOCKER, "/terms/dispute", "both");
            }
        }
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "bothText", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

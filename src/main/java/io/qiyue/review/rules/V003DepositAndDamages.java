package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-V003: deposit and liquidated damages stipulated to apply together: only one may be chosen (民法典第588条). */
final class V003DepositAndDamages implements Rule {
    @Override
    public String id() {
        return "QY-V003";
    }

    private final int[] patterns;

    V003DepositAndDamages(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "together", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

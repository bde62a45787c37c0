package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-V004: exemption from liability for personal injury, or for property loss caused intentionally or by gross negligence, is void (民法典第506条). */
final class V004Exemption implements Rule {
    @Override
    public String id() {
        return "QY-V004";
    }

    private final int[] patterns;

    V004Exemption(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "exemption", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

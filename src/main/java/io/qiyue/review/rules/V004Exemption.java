package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** QY-V004: exemption from liability for personal injury, or for property loss caused intentionally or by gross negligence, is void (民法典第506条). */
final class V004Exemption implements Rule {
    @Override
    public String id() {
        return "QY-V004";
    }

    private final List<Pattern> patterns;

    V004Exemption(RuleConfig config) {
        this.patterns = Texts.patterns(config.strings("patterns"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        for (Clause clause : s.clauses()) {
            for (int[] m : Texts.matches(clause.text(), patterns)) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m[0], m[1], "exemption", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** QY-V003: deposit and liquidated damages stipulated to apply together: only one may be chosen (民法典第588条). */
final class V003DepositAndDamages implements Rule {
    @Override
    public String id() {
        return "QY-V003";
    }

    private final List<Pattern> patterns;

    V003DepositAndDamages(RuleConfig config) {
        this.patterns = Texts.patterns(config.strings("patterns"));
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        for (Clause clause : s.clauses()) {
            for (int[] m : Texts.matches(clause.text(), patterns)) {
                f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "together", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** QY-V005: a clause that excludes or limits liability or restricts main rights is a standard term and must be marked conspicuously (民法典第496条; 合同编通则解释第10条). */
final class V005StandardTerms implements Rule {
    @Override
    public String id() {
        return "QY-V005";
    }

    private final List<Pattern> patterns;
    private final Pattern markers;

    V005StandardTerms(RuleConfig config) {
        this.patterns = Texts.patterns(config.strings("patterns"));
        this.markers = config.wordPattern("conspicuousMarkers");
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        for (Clause clause : s.clauses()) {
            if (markers.matcher(clause.text()).find()) {
                continue;
            }
            for (int[] m : Texts.matches(clause.text(), patterns)) {
                f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "notConspicuous",
                        clause.text().substring(m[0], m[1]));
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-V005: a clause that excludes or limits liability or restricts main rights is a standard term and must be
 * marked conspicuously (民法典第496条; 合同编通则解释第10条): by words that call attention to it, or, in uploaded
 * paper, by printing its words in bold or underlined.
 */
final class V005StandardTerms implements Rule {
    @Override
    public String id() {
        return "QY-V005";
    }

    private final int[] patterns;
    private final int markers;
    private final java.util.regex.Pattern notWhenSentence;

    V005StandardTerms(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
        this.markers = scanner.register(config.wordPattern("conspicuousMarkers"));
        this.notWhenSentence = config.optionalPattern("notWhenSentence"); // 不可抗力: the law's exemption, for both sides
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            if (f.scan().any(ci, markers)) {
                continue;
            }
            for (int[] m : f.scan().merged(ci, patterns)) {
                if (notWhenSentence != null
                        && notWhenSentence.matcher(Texts.sentence(clause.text(), m[0], m[1])).find()) {
                    continue;
                }
                if (clause.emphasises(clause.text().substring(m[0], m[1]))) {
                    continue;
                }
                f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "notConspicuous",
                        clause.text().substring(m[0], m[1]));
            }
        }
    }
}

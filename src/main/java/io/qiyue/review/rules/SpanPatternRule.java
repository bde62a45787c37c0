package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * A text rule that reports every match of its configured patterns in every clause, as a span with
 * the matched words; the rule decides only its id, severity and message.
 */
abstract class SpanPatternRule implements Rule {
    private final int[] patterns;
    private final Severity severity;
    private final String messageKey;

    SpanPatternRule(RuleConfig config, TextScanner scanner, Severity severity, String messageKey) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
        this.severity = severity;
        this.messageKey = messageKey;
    }

    @Override
    public final void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(severity, clause.id(), m[0], m[1], messageKey, clause.text().substring(m[0], m[1]));
            }
        }
    }
}

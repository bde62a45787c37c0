package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * A text rule that reports every match of its configured patterns in every clause, as a span with
 * the matched words, unless the sentence says what makes it harmless (the optional {@code notWhenSentence}
 * pattern: 守约方只能选择其中一项 for deposit and damages); the rule decides only its id, severity and message.
 */
abstract class SpanPatternRule implements Rule {
    private final int[] patterns;
    private final Severity severity;
    private final String messageKey;
    private final java.util.regex.Pattern notWhenSentence;

    SpanPatternRule(RuleConfig config, TextScanner scanner, Severity severity, String messageKey) {
        this.patterns = Texts.register(scanner, config.strings("patterns"), config.optionalString("requiredWord"));
        this.severity = severity;
        this.messageKey = messageKey;
        this.notWhenSentence = config.optionalPattern("notWhenSentence");
    }

    @Override
    public final void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                if (notWhenSentence != null
                        && notWhenSentence.matcher(Texts.sentence(clause.text(), m[0], m[1])).find()) {
                    continue;
                }
                f.reportSpan(severity, clause.id(), m[0], m[1], messageKey, clause.text().substring(m[0], m[1]));
            }
        }
    }
}

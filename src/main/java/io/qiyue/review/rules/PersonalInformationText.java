package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import io.qiyue.review.Span;

import java.util.regex.Pattern;

/**
 * What a PIPL rule reads in free text, of any contract type (counterparty paper says it in words, not in our
 * fields): its patterns, matched per clause, minus sentences that forbid the act or already give what the law
 * asks for ({@code textNegation}); each match is a WARNING span citing {@code citationKey}.
 */
final class PersonalInformationText {
    private final int[] patterns;
    private final Pattern negation;
    private final Pattern requiredInSentence;

    PersonalInformationText(RuleConfig config, TextScanner scanner, String patternsName, Pattern requiredInSentence) {
        // optional: per pattern, words one of which every match contains (as QY-V004's requiredWords)
        this.patterns = Texts.register(scanner, config.strings(patternsName),
                config.optionalStrings(patternsName + "RequiredWords"));
        this.negation = Pattern.compile(config.parameter("textNegation").asString());
        this.requiredInSentence = requiredInSentence;
    }

    /** The first words of the clauses that match (and are not negated), or null. */
    String first(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            String text = clauses.get(ci).text();
            for (int[] m : f.scan().merged(ci, patterns)) {
                if (counts(Texts.sentence(text, m[0], m[1]))) {
                    return text.substring(m[0], m[1]);
                }
            }
        }
        return null;
    }

    private boolean counts(String sentence) {
        return !negation.matcher(sentence).find()
                && (requiredInSentence == null || requiredInSentence.matcher(sentence).find());
    }

    void report(ReviewSubject s, Findings f, String message, String citationKey) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            for (int[] m : f.scan().merged(ci, patterns)) {
                if (!counts(Texts.sentence(text, m[0], m[1]))) {
                    continue;
                }
                f.report(Severity.WARNING, clause.id(), new Span(clause.id(), m[0], m[1]), message, citationKey,
                        text.substring(m[0], m[1]));
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QY-L001: vague time words (及时, 尽快 …; the list is data) with no number within a few characters. */
final class L001VagueTime implements Rule {
    @Override
    public String id() {
        return "QY-L001";
    }

    private final Pattern words;
    private final int window;
    private final String numerals;

    L001VagueTime(RuleConfig config) {
        this.words = config.wordPattern("words");
        this.window = config.integer("numberWindow");
        this.numerals = config.parameter("numerals").asString();
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        for (Clause clause : s.clauses()) {
            String text = clause.text();
            Matcher m = words.matcher(text);
            while (m.find()) {
                if (!numberNear(text, m.start(), m.end())) {
                    f.reportSpan(Severity.WARNING, clause.id(), m.start(), m.end(), "vague", m.group());
                }
            }
        }
    }

    private boolean numberNear(String text, int start, int end) {
        for (int i = Math.max(0, start - window); i < Math.min(text.length(), end + window); i++) {
            if (i >= start && i < end) {
                continue;
            }
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= '０' && c <= '９') || numerals.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}

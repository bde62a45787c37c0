package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-L001: vague time words (及时, 尽快 …; the list is data) with no number within a few characters. */
final class L001VagueTime implements Rule {
    @Override
    public String id() {
        return "QY-L001";
    }

    private final int words;
    private final int window;
    private final String numerals;

    L001VagueTime(RuleConfig config, TextScanner scanner) {
        this.words = scanner.register(config.wordPattern("words"));
        this.window = config.integer("numberWindow");
        this.numerals = config.parameter("numerals").asString();
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            for (int[] m : f.scan().matches(ci, words)) {
                if (!numberNear(text, m[0], m[1])) {
                    f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "vague", text.substring(m[0], m[1]));
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

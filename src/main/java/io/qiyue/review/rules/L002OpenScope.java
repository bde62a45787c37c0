package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** QY-L002: open-ended scope words (若干, 相关, 其他 at the end of a list, trailing 等/等等) in scope and obligation clauses. */
final class L002OpenScope implements Rule {
    @Override
    public String id() {
        return "QY-L002";
    }

    private final List<Pattern> patterns;
    private final Pattern scopeClauses;

    L002OpenScope(RuleConfig config) {
        this.patterns = Texts.patterns(config.strings("patterns"));
        this.scopeClauses = Pattern.compile(config.parameter("scopeClauses").asString());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        for (Clause clause : s.clauses()) {
            if (!scopeClauses.matcher(clause.id()).find()) {
                continue;
            }
            for (int[] m : Texts.matches(clause.text(), patterns)) {
                f.reportSpan(Severity.INFO, clause.id(), m[0], m[1], "open", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

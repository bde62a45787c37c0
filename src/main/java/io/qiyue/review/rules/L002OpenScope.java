package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.regex.Pattern;

/** QY-L002: open-ended scope words (若干, 相关, 其他 at the end of a list, trailing 等/等等) in scope and obligation clauses. */
final class L002OpenScope implements Rule {
    @Override
    public String id() {
        return "QY-L002";
    }

    private final int[] patterns;
    private final Pattern scopeClauses;

    L002OpenScope(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
        this.scopeClauses = Pattern.compile(config.parameter("scopeClauses").asString());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            if (!scopeClauses.matcher(clause.id()).find()) {
                continue;
            }
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(Severity.INFO, clause.id(), m[0], m[1], "open", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

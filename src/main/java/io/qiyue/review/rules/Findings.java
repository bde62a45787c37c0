package io.qiyue.review.rules;

import io.qiyue.review.RawFinding;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import io.qiyue.review.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one rule reports, for one subject. Messages are codes of {@code review/messages*.properties}
 * relative to the rule ({@code "missing"} → {@code review.QY-C007.missing}); citations are keys of the
 * rule's citations in the ruleset, chosen by the subject's signing date.
 */
public final class Findings {
    private final RuleConfig config;
    private final ReviewSubject subject;
    private final TextScanner.Scan scan;
    private final List<RawFinding> out = new ArrayList<>(4);

    public Findings(RuleConfig config, ReviewSubject subject, TextScanner.Scan scan) {
        this.config = config;
        this.subject = subject;
        this.scan = scan;
    }

    /** The matches of the registered patterns in the subject's clauses (shared by all rules of one review). */
    TextScanner.Scan scan() {
        return scan;
    }

    public void report(Severity severity, String path, String message, Object... args) {
        report(severity, path, null, message, "default", args);
    }

    public void reportCiting(Severity severity, String path, String citationKey, String message, Object... args) {
        report(severity, path, null, message, citationKey, args);
    }

    public void reportSpan(Severity severity, String clauseId, int start, int end, String message, Object... args) {
        report(severity, clauseId, new Span(clauseId, start, end), message, "default", args);
    }

    public void report(Severity severity, String path, Span span, String message, String citationKey, Object... args) {
        out.add(new RawFinding(config.ruleId(), severity, path, span, "review." + config.ruleId() + "." + message,
                strings(args),
                config.citation(citationKey, subject.signingDate())));
    }

    private static List<String> strings(Object[] args) {
        if (args.length == 0) {
            return List.of();
        }
        var out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = String.valueOf(args[i]);
        }
        return List.of(out);
    }

    public RuleConfig config() {
        return config;
    }

    public List<RawFinding> reported() {
        return out;
    }
}

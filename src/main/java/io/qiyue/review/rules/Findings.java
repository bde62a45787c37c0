package io.qiyue.review.rules;

import io.qiyue.review.RawFinding;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import io.qiyue.review.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where one rule reports, for one subject. Messages are codes of {@code review/messages*.properties}
 * relative to the rule ({@code "missing"} → {@code review.QY-C007.missing}); citations are keys of the
 * rule's citations in the ruleset, chosen by the subject's signing date.
 */
public final class Findings {
    private final RuleConfig config;
    private final ReviewSubject subject;
    private final List<RawFinding> out = new ArrayList<>();

    public Findings(RuleConfig config, ReviewSubject subject) {
        this.config = config;
        this.subject = subject;
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
                Arrays.stream(args).map(String::valueOf).toList(),
                config.citation(citationKey, subject.signingDate())));
    }

    public RuleConfig config() {
        return config;
    }

    public List<RawFinding> reported() {
        return out;
    }
}

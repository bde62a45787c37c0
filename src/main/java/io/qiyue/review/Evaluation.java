package io.qiyue.review;

import java.util.List;

/** The locale-independent result of running the rules: what is stored, and what {@link Review} is made from. */
public record Evaluation(String rulesetVersion, List<RawFinding> findings, List<RuleError> errors) {

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}

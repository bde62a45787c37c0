package io.qiyue.review;

import java.util.List;

/**
 * The locale-independent result of running the rules: what is stored, and what {@link Review} is made from.
 * {@code settingsRevision} says which settings the rules ran with ({@link Ruleset#settingsRevision()}); it is
 * null for reviews stored before the revision was recorded.
 */
public record Evaluation(String rulesetVersion, Integer settingsRevision, List<RawFinding> findings,
                         List<RuleError> errors) {

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}

package io.qiyue.review;

/** A rule that could not evaluate: it reported nothing, the review went on and records why. */
public record RuleError(String ruleId, String message) {
}

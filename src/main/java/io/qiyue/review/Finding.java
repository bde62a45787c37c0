package io.qiyue.review;

/**
 * One thing a rule found: {@code path} is a JSON pointer into the contract, {@code span} the exact
 * characters when the finding is inside clause text; message and suggestion are localised.
 */
public record Finding(String ruleId, Severity severity, String path, Span span, String message, Citation citation,
                      String suggestion) {
}

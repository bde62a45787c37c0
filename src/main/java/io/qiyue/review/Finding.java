package io.qiyue.review;

/**
 * One thing a rule found: {@code path} is a JSON pointer into the contract, {@code span} the exact
 * characters when the finding is inside clause text; message and suggestion are localised.
 * {@code fixable}: the suggestion can be applied as is (POST …/findings/{ruleId}/apply).
 * {@code accepted} is set on a WARNING accepted with a reason (null otherwise); {@code acceptableBy} says who may
 * accept a WARNING of a contract's last review ({@link AcceptancePolicies}; null elsewhere).
 */
public record Finding(String ruleId, Severity severity, String path, Span span, String message, Citation citation,
                      String suggestion, boolean fixable, Acceptance accepted, AcceptanceAuthority acceptableBy) {

    public Finding(String ruleId, Severity severity, String path, Span span, String message, Citation citation,
                   String suggestion) {
        this(ruleId, severity, path, span, message, citation, suggestion, false, null, null);
    }

    public Finding(String ruleId, Severity severity, String path, Span span, String message, Citation citation,
                   String suggestion, boolean fixable, Acceptance accepted) {
        this(ruleId, severity, path, span, message, citation, suggestion, fixable, accepted, null);
    }

    public Finding accepted(Acceptance acceptance) {
        return new Finding(ruleId, severity, path, span, message, citation, suggestion, fixable, acceptance,
                acceptableBy);
    }

    public Finding acceptableBy(AcceptanceAuthority authority) {
        return new Finding(ruleId, severity, path, span, message, citation, suggestion, fixable, accepted, authority);
    }

    /** Whether this finding stops the contract from being submitted: a BLOCKER, or a WARNING not accepted. */
    public boolean blocking() {
        return severity == Severity.BLOCKER || (severity == Severity.WARNING && accepted == null);
    }
}

package io.qiyue.shared;

import java.util.List;

/** Input that fails a domain check; carries every invalid field, not only the first. */
public class InvalidInputException extends QiyueException {
    private final transient List<FieldViolation> violations;
    private final String subject;

    public InvalidInputException(List<FieldViolation> violations) {
        this(violations, null);
    }

    public InvalidInputException(String field, String code, Object... args) {
        this(List.of(new FieldViolation(field, code, args)));
    }

    private InvalidInputException(List<FieldViolation> violations, String subject) {
        super("qiyue.problem.invalid");
        this.violations = List.copyOf(violations);
        this.subject = subject;
    }

    /**
     * The same violations, of the fields of {@code subject} (e.g. {@code receipt}): a field is then named as
     * {@code field.<subject>.<field>} says where that key exists, because the same name means something else there
     * (a receipt's {@code amount} is the money received, not the contract's amount).
     */
    public InvalidInputException about(String subject) {
        return new InvalidInputException(violations, subject);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** What the fields belong to, for their labels; null for the request's main subject (a contract's fields). */
    public String subject() {
        return subject;
    }
}

package io.qiyue.shared;

import java.util.List;

/** Input that fails a domain check; carries every invalid field, not only the first. */
public class InvalidInputException extends QiyueException {
    private final transient List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super("qiyue.problem.invalid");
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String code, Object... args) {
        this(List.of(new FieldViolation(field, code, args)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

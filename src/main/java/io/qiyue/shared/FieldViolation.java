package io.qiyue.shared;

import jakarta.validation.ConstraintViolation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One invalid field: the JSON path of the field ({@code terms.dispute.court}) and a message code
 * with its arguments, resolved against the caller's locale when the error is written.
 */
public record FieldViolation(String field, String code, List<Object> args) {

    public FieldViolation(String field, String code, Object... args) {
        this(field, code, List.of(args));
    }

    /**
     * Bean validation's violations with the paths a client wrote ({@code terms.payment.schedule[0].amount}, without
     * the {@code <list element>} nodes of container elements), ordered by field.
     */
    public static List<FieldViolation> of(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }
}

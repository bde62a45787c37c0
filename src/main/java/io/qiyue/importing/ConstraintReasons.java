package io.qiyue.importing;

import io.qiyue.shared.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reasons of a module's refusals of an input, as they are kept: a refusal by one of the input's constraints
 * (a contact's e-mail that is none) comes as Bean Validation put it in words, in the language of whoever imports;
 * it is kept as the constraint's message code with its attributes instead, like every other reason, to be worded in
 * the language of whoever reads it (outside tester). The input is checked again to find them.
 */
final class ConstraintReasons {
    /** A message template that is one code of the bundles: {@code {jakarta.validation.constraints.Email.message}}. */
    private static final Pattern CODE = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
    /** The attributes every constraint has, which no message names. */
    private static final Set<String> NOT_WORDS = Set.of("message", "groups", "payload");

    private final Set<? extends ConstraintViolation<?>> constraints;

    private ConstraintReasons(Set<? extends ConstraintViolation<?>> constraints) {
        this.constraints = constraints;
    }

    /** The constraints {@code input} breaks; none for null or without a validator. */
    static ConstraintReasons of(Validator validator, Object input) {
        return new ConstraintReasons(validator == null || input == null ? Set.of() : validator.validate(input));
    }

    /**
     * The reason of {@code violation}: its constraint's message code and attributes when it is one of the input's
     * constraints with a message of the bundles, else its code and arguments as the module gave them.
     */
    Reason of(FieldViolation violation) {
        if (violation.args().isEmpty()) {
            for (var constraint : constraints) {
                var matcher = CODE.matcher(constraint.getMessageTemplate());
                if (matcher.matches() && constraint.getMessage().equals(violation.code()) && FieldViolation.of(
                        List.of(constraint)).getFirst().field().equals(violation.field())) {
                    var named = new ArrayList<Object>();
                    constraint.getConstraintDescriptor().getAttributes().forEach((name, value) -> {
                        if (!NOT_WORDS.contains(name) && (value instanceof Number || value instanceof CharSequence
                                || value instanceof Boolean)) {
                            named.add(new Reason.Named(name, String.valueOf(value)));
                        }
                    });
                    return new Reason(matcher.group(1), named.isEmpty() ? List.of() : named);
                }
            }
        }
        return Reason.of(violation.code(), violation.args().toArray());
    }
}

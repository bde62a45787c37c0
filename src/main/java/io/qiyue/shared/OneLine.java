package io.qiyue.shared;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text that is one line: a title or a name, printed in headings, lists and file names where a line break (or a
 * Unicode line or paragraph separator) would split it. Multi-line fields (descriptions, clauses) do not carry this.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\r\\n\\u2028\\u2029\\u0085]*")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneLine {
    String message() default "{qiyue.validation.one-line}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

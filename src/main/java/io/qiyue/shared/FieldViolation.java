package io.qiyue.shared;

import java.util.List;

/**
 * One invalid field: the JSON path of the field ({@code terms.dispute.court}) and a message code
 * with its arguments, resolved against the caller's locale when the error is written.
 */
public record FieldViolation(String field, String code, List<Object> args) {

    public FieldViolation(String field, String code, Object... args) {
        this(field, code, List.of(args));
    }
}

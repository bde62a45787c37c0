package io.qiyue.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A value a deserializer read and refuses with a message of its own ({@code qiyue.money.currency} for a currency
 * other than CNY), where the type's general "not a …" would mislead. The field is where the parser stands.
 */
public final class RefusedValueException extends InvalidFormatException {
    private final String code;

    public RefusedValueException(JsonParser parser, Object value, Class<?> target, String code) {
        super(parser, "refused: " + code, value, target);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

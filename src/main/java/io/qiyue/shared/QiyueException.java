package io.qiyue.shared;

import java.util.List;

/**
 * Base of the errors a request can run into. Each subclass maps to one HTTP status in the single
 * problem+json handler; the message code is resolved in the caller's language.
 */
public abstract class QiyueException extends RuntimeException {
    private final String code;
    private final transient List<Object> args;

    protected QiyueException(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = List.of(args);
    }

    public String code() {
        return code;
    }

    public List<Object> args() {
        return args;
    }
}

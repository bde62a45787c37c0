package io.qiyue.shared;

import java.time.Duration;

/** Too many attempts of something (a password): 429 with {@code Retry-After}. */
public class TooManyRequestsException extends QiyueException {
    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter, String code, Object... args) {
        super(code, args);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

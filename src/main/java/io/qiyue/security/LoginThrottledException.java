package io.qiyue.security;

import org.springframework.security.core.AuthenticationException;

import java.io.Serial;
import java.time.Duration;

/** A password attempt refused, or a failed one answered, with a wait (HTTP 429 with Retry-After). */
public class LoginThrottledException extends AuthenticationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed password attempts; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

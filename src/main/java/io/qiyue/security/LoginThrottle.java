package io.qiyue.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} consecutive failures for a username, further
 * attempts are refused for a lock period that doubles with every further failure (capped at one
 * hour), whether the password is right or not. A success clears the count.
 */
@Component
class LoginThrottle {
    private static final Duration MAX_LOCK = Duration.ofHours(1);

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration baseLock;

    LoginThrottle(Clock clock, @Value("${qiyue.security.login-max-failures:5}") int maxFailures,
                  @Value("${qiyue.security.login-lock:PT1M}") Duration baseLock) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.baseLock = baseLock;
    }

    boolean isLocked(String username) {
        var f = failures.get(key(username));
        return f != null && f.lockedUntil != null && clock.instant().isBefore(f.lockedUntil);
    }

    void failed(String username) {
        failures.compute(key(username), (k, f) -> {
            int count = (f == null ? 0 : f.count) + 1;
            Instant lockedUntil = null;
            if (count >= maxFailures) {
                long factor = 1L << Math.min(count - maxFailures, 6);
                Duration lock = baseLock.multipliedBy(factor);
                lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return new Failures(count, lockedUntil);
        });
        if (failures.size() > 100_000) {
            Instant now = clock.instant();
            failures.entrySet().removeIf(e -> e.getValue().lockedUntil == null || e.getValue().lockedUntil.isBefore(now));
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}

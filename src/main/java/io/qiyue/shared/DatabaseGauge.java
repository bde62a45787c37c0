package io.qiyue.shared;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A gauge whose value is a count read from the database, read again at most once per {@link #MAX_AGE}: a
 * scraper calling every few seconds (or several scrapers) costs one query per interval, not one per scrape.
 * A failed read leaves the last value and is tried again on the next scrape.
 */
public final class DatabaseGauge {
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final LongSupplier count;
    private final Clock clock;
    private volatile long value = -1;
    private volatile Instant readAt = Instant.MIN;

    DatabaseGauge(LongSupplier count, Clock clock) {
        this.count = count;
        this.clock = clock;
    }

    /** Registers {@code name} (a Micrometer dotted name; Prometheus shows it with underscores). */
    public static void register(MeterRegistry registry, String name, String description, LongSupplier count) {
        var gauge = new DatabaseGauge(count, Clock.systemUTC());
        Gauge.builder(name, gauge, DatabaseGauge::read).description(description).strongReference(true)
                .register(registry);
    }

    double read() {
        Instant now = clock.instant();
        if (value < 0 || readAt.plus(MAX_AGE).isBefore(now)) {
            synchronized (this) {
                if (value < 0 || readAt.plus(MAX_AGE).isBefore(now)) {
                    try {
                        value = count.getAsLong();
                        readAt = now;
                    } catch (RuntimeException databaseUnavailable) {
                        // the scrape shows the last value (NaN before the first read) rather than failing
                        return value < 0 ? Double.NaN : value;
                    }
                }
            }
        }
        return value;
    }
}

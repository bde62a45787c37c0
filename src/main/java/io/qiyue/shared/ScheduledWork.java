package io.qiyue.shared;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a job under its cluster-wide lock: on one instance at a time, skipped where another instance holds
 * it. Jobs call this from their {@code @Scheduled} method, and tests call the same path with a moved date.
 */
public class ScheduledWork {
    private final LockingTaskExecutor executor;
    private final MeterRegistry metrics;

    ScheduledWork(LockingTaskExecutor executor, MeterRegistry metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    /**
     * The job's result, or empty when another instance holds the lock now.
     *
     * @param atMost how long the lock outlives a crashed instance
     * @param atLeast how long the lock is kept after the job finished, so that a second instance whose clock
     *                fires a little later does not run the same job again
     */
    public <T> Optional<T> once(String name, Duration atMost, Duration atLeast, Supplier<T> job) {
        try {
            var result = executor.executeWithLock((LockingTaskExecutor.TaskWithResult<T>) job::get,
                    new LockConfiguration(Instant.now(), name, atMost, atLeast));
            // summed over instances, "ran" counts each job once per period: the proof that the lock works
            metrics.counter("qiyue.jobs", "job", name, "outcome", result.wasExecuted() ? "ran" : "skipped")
                    .increment();
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

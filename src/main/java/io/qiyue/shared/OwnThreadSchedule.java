package io.qiyue.shared;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-delay job on a platform thread of its own, for the few that must keep their pace: Spring's scheduler runs
 * every fixed-delay job on one thread, one after the other, so a long one (the search feeder indexing an import,
 * the outbox waiting on a slow webhook) holds all the others back. A run that fails is logged and the next one runs
 * as planned: an exception must not cancel the schedule. {@link #stop} it when the bean is destroyed.
 */
public final class OwnThreadSchedule {
    private final ScheduledExecutorService executor;

    /** A schedule whose thread, once a job is started, has this name. */
    public OwnThreadSchedule(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(
                job -> Thread.ofPlatform().name(threadName).daemon().unstarted(job));
    }

    /**
     * Starts {@code job} after {@code initialDelay}, then {@code delay} after the end of each run; a run that throws
     * is logged to {@code log} as "{@code failure} failed".
     */
    public void start(Duration initialDelay, Duration delay, Logger log, String failure, Runnable job) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", failure, e.toString());
            }
        }, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        executor.shutdownNow();
    }
}

package io.qiyue.security;

import io.qiyue.shared.OwnThreadSchedule;
import io.qiyue.shared.ScheduledWork;
import io.qiyue.shared.persistence.DbTime;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries {@link AccessChanged} to every instance sharing the database. The change is written to {@code access_change}
 * in its own transaction (so a rolled-back change is never announced); every instance reads the rows of the last
 * {@link #WINDOW} each {@link #POLL} and drops from its {@link AccessCache} what a row it has not applied yet names.
 * Reading by time rather than by "seq greater than the last seen" is deliberate: sequence numbers commit out of
 * order, and a row committed late with a smaller number would be skipped for good. Applying a row twice is harmless.
 */
@Component
class AccessChangeRelay implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(AccessChangeRelay.class);
    static final Duration POLL = Duration.ofMillis(250);
    /** Longer than any transaction that changes a user or a token takes to commit, plus clock differences. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration KEEP = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final Clock clock;
    private final ScheduledWork work;
    private final OwnThreadSchedule poller = new OwnThreadSchedule("qiyue-access-relay");
    /** Rows applied in the window, by seq, with when they were seen (forgotten after the window). */
    private final Map<Long, Instant> applied = new HashMap<>();

    AccessChangeRelay(JdbcClient jdbc, AccessCache cache, Clock clock, ScheduledWork work) {
        this.jdbc = jdbc;
        this.work = work;
        this.cache = cache;
        this.clock = clock;
    }

    private record Row(long seq, AccessChanged change) {
    }

    /** In the transaction of the change (or on its own when there is none). */
    @EventListener
    void record(AccessChanged changed) {
        jdbc.sql("INSERT INTO access_change (kind, entity_id, changed_at) VALUES (?,?,?)")
                .params(changed.kind().name(), changed.id(), DbTime.toDb(clock.instant())).update();
    }

    /**
     * Polls every {@link #POLL} on a thread of its own ({@link OwnThreadSchedule}), so that no long scheduled job
     * holds back a revocation's effect on this instance. A failed poll loses nothing: the next reads the same window.
     */
    @Override
    public void afterSingletonsInstantiated() {
        poller.start(Duration.ofSeconds(1), POLL, log, "Reading the access changes", this::poll);
    }

    @PreDestroy
    void stopPolling() {
        poller.stop();
    }

    synchronized void poll() {
        Instant now = clock.instant();
        var rows = jdbc.sql("SELECT seq, kind, entity_id FROM access_change WHERE changed_at >= ?")
                .param(DbTime.toDb(now.minus(WINDOW)))
                .query((rs, n) -> new Row(rs.getLong("seq"), new AccessChanged(
                        AccessChanged.Kind.valueOf(rs.getString("kind")), rs.getString("entity_id"))))
                .list();
        for (var row : rows) {
            if (applied.putIfAbsent(row.seq(), now) == null) {
                cache.invalidate(row.change());
            }
        }
        applied.values().removeIf(seen -> seen.isBefore(now.minus(WINDOW.multipliedBy(2))));
    }

    /** Rows older than {@link #KEEP} have been applied by every instance: deleted hourly, by one instance. */
    @Scheduled(cron = "${qiyue.access.prune-cron:0 23 * * * *}", zone = "Asia/Shanghai")
    int prune() {
        return work.once("access-change-prune", Duration.ofMinutes(10), Duration.ofMinutes(1), this::deleteApplied)
                .orElse(0);
    }

    int deleteApplied() {
        return jdbc.sql("DELETE FROM access_change WHERE changed_at < ?").param(DbTime.toDb(clock.instant().minus(KEEP)))
                .update();
    }
}

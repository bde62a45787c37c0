package io.qiyue.shared;

import io.qiyue.shared.persistence.DbTime;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This instance among those sharing the database: an id of its own for this run and a heartbeat row in
 * {@code app_instance}, written every {@link #BEAT}. An instance whose last beat is older than {@link #GONE} has
 * stopped (crashed, killed or shut down), so what it claimed may be taken over. Instances' clocks are assumed to
 * agree within a few seconds (NTP).
 */
@Component
public class Instances implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(Instances.class);
    static final Duration BEAT = Duration.ofSeconds(3);
    static final Duration GONE = Duration.ofSeconds(15);
    /** Rows of instances gone this long are deleted. */
    private static final Duration FORGET = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String self = Ids.newId();
    private final ScheduledWork work;
    private final OwnThreadSchedule heart = new OwnThreadSchedule("qiyue-heartbeat");

    Instances(JdbcClient jdbc, Clock clock, ScheduledWork work) {
        this.jdbc = jdbc;
        this.work = work;
        this.clock = clock;
    }

    /**
     * The first beat: once every singleton exists (Flyway has migrated) and before the web server takes requests,
     * so that no claim of this instance is ever seen without its row.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO app_instance (id, started_at, heartbeat_at) VALUES (?,?,?)")
                .params(self, DbTime.toDb(now), DbTime.toDb(now)).update();
        heart.start(BEAT, BEAT, log, "Heartbeat of instance " + self, this::beat);
    }

    /** This instance's id for this run. */
    public String self() {
        return self;
    }

    /** Whether the instance {@code id} beat lately (this one always has). */
    public boolean alive(String id) {
        if (self.equals(id)) {
            return true;
        }
        return jdbc.sql("SELECT COUNT(*) FROM app_instance WHERE id = ? AND heartbeat_at >= ?")
                .params(id, DbTime.toDb(clock.instant().minus(GONE))).query(Long.class).single() > 0;
    }

    /**
     * Every {@link #BEAT}, on a thread of its own ({@link OwnThreadSchedule}): an instance silent for {@link #GONE}
     * has its claims (a request in flight, an import job) taken over by the others while it still works on them.
     */
    private void beat() {
        Instant now = clock.instant();
        jdbc.sql("UPDATE app_instance SET heartbeat_at = ? WHERE id = ?").params(DbTime.toDb(now), self).update();
    }

    @PreDestroy
    void stopBeating() {
        heart.stop();
    }

    /** Rows of instances gone for {@link #FORGET}: deleted hourly, by one instance. */
    @Scheduled(cron = "${qiyue.instances.prune-cron:0 29 * * * *}", zone = "Asia/Shanghai")
    int prune() {
        return work.once("app-instance-prune", Duration.ofMinutes(10), Duration.ofMinutes(1),
                () -> jdbc.sql("DELETE FROM app_instance WHERE heartbeat_at < ?")
                        .param(DbTime.toDb(clock.instant().minus(FORGET))).update()).orElse(0);
    }
}

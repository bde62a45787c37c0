package io.qiyue.shared;

import io.qiyue.shared.persistence.DbTime;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's scheduler runs every fixed-delay job on one thread, one after the other. While one of them runs long (the
 * search feeder indexing a large import, the outbox waiting on a slow webhook), this instance still beats — were the
 * beat one of those jobs, the other instances would take it for dead after 15 s and take over the requests and
 * import it is still running — and still applies the access changes other instances write (a token revoked there
 * is refused here within a second, not after the cache's 30 s).
 */
@UsingDatabase(TestDatabase.H2)
class InstancesHeartbeatH2IT extends ApiTestSupport {
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Autowired
    Instances instances;

    @Autowired
    JdbcClient jdbc;

    /** A fixed-delay job that holds the scheduler's thread until the test lets it go. */
    @TestConfiguration
    static class LongJob {
        @Bean
        Holder schedulerThreadHolder() {
            return new Holder();
        }
    }

    static class Holder {
        @Scheduled(fixedDelay = 600_000, initialDelay = 0)
        void hold() throws InterruptedException {
            STARTED.countDown();
            RELEASE.await(2, TimeUnit.MINUTES);
        }
    }

    @Test
    void theHeartbeatAndTheAccessRelayGoOnWhileAnotherJobHoldsTheSchedulerThread() throws Exception {
        try {
            assertThat(STARTED.await(1, TimeUnit.MINUTES)).as("the long job started").isTrue();
            String token = token(anonymous().basic("admin", ADMIN_PASSWORD));
            var client = anonymous().bearer(token);
            assertThat(client.get("/api/v1/contracts?size=1").status()).isEqualTo(200); // cached from now on

            Instant before = heartbeat();
            // another instance revokes the token: its row and its access change, nothing in this instance's cache
            String id = jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(Hashes.sha256Hex(token))
                    .query(String.class).single();
            jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ?").params(DbTime.toDb(Instant.now()), id).update();
            jdbc.sql("INSERT INTO access_change (kind, entity_id, changed_at) VALUES ('API_TOKEN', ?, ?)")
                    .params(id, DbTime.toDb(Instant.now())).update();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = client.get("/api/v1/contracts?size=1").status();
            }
            assertThat(status).as("the token revoked by another instance, refused here").isEqualTo(401);

            Thread.sleep(Duration.ofSeconds(7));
            assertThat(heartbeat()).as("beats while the scheduler's thread is held").isAfter(before);
        } finally {
            RELEASE.countDown();
        }
    }

    private Instant heartbeat() {
        return jdbc.sql("SELECT heartbeat_at FROM app_instance WHERE id = ?").param(instances.self())
                .query((rs, n) -> DbTime.read(rs, "heartbeat_at")).single();
    }
}

package io.qiyue.shared.web;

import io.qiyue.shared.Warmup;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up after start-up: every module's part runs without failing (a failure is only logged, so each is also
 * run here directly), it finishes in the background, and it leaves nothing behind (no contract appears). Until it is
 * done the instance is alive and healthy but not ready, so a load balancer does not send it users yet.
 */
@UsingDatabase(TestDatabase.H2)
@TestPropertySource(properties = "qiyue.warmup=true")
class WarmupH2IT extends ApiTestSupport {
    @Autowired
    WarmupAtStartup warmupAtStartup;

    @Autowired
    List<Warmup> warmups;

    /** A part that does not finish until the test lets it, so the probes can be asked while the warm-up runs. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TestConfiguration
    static class HeldWarmup {
        @Bean
        Warmup heldUntilReleased() {
            return new Warmup() {
                @Override
                public String name() {
                    return "held by the test";
                }

                @Override
                public void warm() throws InterruptedException {
                    RELEASE.await(2, TimeUnit.MINUTES);
                }
            };
        }
    }

    @Test
    void everyPartWarmsInTheBackgroundAndLeavesNothingBehind() throws Exception {
        var warming = anonymous().get("/actuator/health/readiness");
        assertThat(warming.status()).as("readiness while warming: %s", warming).isEqualTo(503);
        assertThat(warming.json().path("status").asString()).isEqualTo("WARMING");
        assertThat(anonymous().get("/actuator/health/liveness").status()).as("liveness while warming").isEqualTo(200);
        var overall = anonymous().get("/actuator/health");
        assertThat(overall.status()).as("overall health while warming: %s", overall).isEqualTo(200);
        assertThat(overall.json().path("status").asString()).isEqualTo("UP");
        assertThat(warmupAtStartup.awaitDone(Duration.ofMillis(200))).isFalse();

        RELEASE.countDown();
        assertThat(warmupAtStartup.awaitDone(Duration.ofMinutes(2))).isTrue();
        var ready = anonymous().get("/actuator/health/readiness");
        assertThat(ready.status()).as("readiness after the warm-up: %s", ready).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(warmups).extracting(Warmup::name).contains("documents", "review", "contract list");
        long contracts = admin().get("/api/v1/contracts?size=1").json().path("total").asLong();
        for (Warmup warmup : warmups) {
            warmup.warm();
        }
        assertThat(admin().get("/api/v1/contracts?size=1").json().path("total").asLong()).isEqualTo(contracts);
    }
}

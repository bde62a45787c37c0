package io.qiyue.shared.web;

import io.qiyue.shared.Warmup;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up after start-up: every module's part runs without failing (a failure is only logged, so each is also
 * run here directly), it finishes in the background, and it leaves nothing behind (no contract appears).
 */
@UsingDatabase(TestDatabase.H2)
@TestPropertySource(properties = "qiyue.warmup=true")
class WarmupH2IT extends ApiTestSupport {
    @Autowired
    WarmupAtStartup warmupAtStartup;

    @Autowired
    List<Warmup> warmups;

    @Test
    void everyPartWarmsInTheBackgroundAndLeavesNothingBehind() throws Exception {
        assertThat(warmupAtStartup.awaitDone(Duration.ofMinutes(2))).isTrue();
        assertThat(warmups).extracting(Warmup::name).contains("documents", "review", "contract list");
        long contracts = admin().get("/api/v1/contracts?size=1").json().path("total").asLong();
        for (Warmup warmup : warmups) {
            warmup.warm();
        }
        assertThat(admin().get("/api/v1/contracts?size=1").json().path("total").asLong()).isEqualTo(contracts);
    }
}

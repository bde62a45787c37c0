package io.qiyue.shared.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code warmup} health component: {@code WARMING} until the warm-up is done, then {@code UP}. Only the readiness
 * group counts it (application.yml orders WARMING first there and maps it to 503), so
 * {@code /actuator/health/readiness} says ready only once the migrations have run (they run while the context
 * starts) and the instance is warm, which is when a load balancer or orchestrator should send it users. The overall
 * {@code /actuator/health} and liveness do not wait: a warming instance is healthy and serves, only its first
 * requests are slower (issue #17 counts start-up until healthy, and asks that what can wait be done in the
 * background). The overall health ignores WARMING because a status missing from an aggregator's order is left out of
 * the aggregate.
 */
@Configuration(proxyBeanMethods = false)
class WarmupReadiness {
    static final Status WARMING = new Status("WARMING", "the warm-up after start-up is still running");

    @Bean
    HealthIndicator warmupHealthIndicator(WarmupAtStartup warmup) {
        return () -> warmup.holdsReadiness() ? Health.status(WARMING).build() : Health.up().build();
    }
}

package io.qiyue.shared.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The readiness probe ({@code /actuator/health/readiness}) says ready only once the migrations have run (they run
 * while the context starts, before Spring Boot reports the application ready) and the warm-up is done. Liveness
 * does not wait: a warming instance is alive, it just should not get users yet. Replaces Spring Boot's own
 * indicator of the same name, so the readiness group and the overall health both follow it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "qiyue.warmup", havingValue = "true", matchIfMissing = true)
class WarmupReadiness {

    @Bean
    ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability,
                                                                WarmupAtStartup warmup) {
        return new ReadinessStateHealthIndicator(availability) {
            @Override
            protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
                AvailabilityState state = super.getState(applicationAvailability);
                return state == ReadinessState.ACCEPTING_TRAFFIC && warmup.holdsReadiness()
                        ? ReadinessState.REFUSING_TRAFFIC : state;
            }
        };
    }
}

package io.qiyue.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The one clock of the application, so that tests can move time. Business dates are in Asia/Shanghai. It ticks in
 * microseconds, the precision every timestamp column has on the three databases: a time an answer gives right
 * after a write ({@code updatedAt} of a PUT) is then the one a later read of the stored row gives, not the same
 * instant with three more digits.
 */
@Configuration(proxyBeanMethods = false)
public class Clocks {
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.tick(Clock.system(BUSINESS_ZONE), Duration.ofNanos(1_000));
    }
}

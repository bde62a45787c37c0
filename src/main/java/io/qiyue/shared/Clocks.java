package io.qiyue.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/** The one clock of the application, so that tests can move time. Business dates are in Asia/Shanghai. */
@Configuration(proxyBeanMethods = false)
public class Clocks {
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(BUSINESS_ZONE);
    }
}

package io.qiyue.signing;

import io.qiyue.shared.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stand-in SMS provider: logs the masked number, never the code (codes still go out by e-mail). */
class LoggingSmsSender implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public boolean delivers() {
        return false;
    }

    @Override
    public void sendCode(String mobile, String contractNumber, String code) {
        log.info("SMS provider not configured: the signing code for contract {} would go to {} (code not logged)",
                contractNumber, mask(mobile));
    }

    static String mask(String mobile) {
        if (Text.isBlank(mobile)) {
            return "";
        }
        String digits = mobile.strip();
        return digits.length() <= 7 ? "****" : digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    @Configuration(proxyBeanMethods = false)
    static class Fallback {
        @Bean
        @ConditionalOnMissingBean(SmsSender.class)
        SmsSender loggingSmsSender() {
            return new LoggingSmsSender();
        }
    }
}

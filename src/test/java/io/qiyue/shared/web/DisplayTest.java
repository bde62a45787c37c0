package io.qiyue.shared.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.time.Clock;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayTest {
    private final Display display = new Display(Clock.systemUTC());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aDurationReadsAsAPersonSaysIt() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(display.duration(12L)).isEqualTo("不到 1 分钟");
        assertThat(display.duration(25 * 60L)).isEqualTo("25 分钟");
        assertThat(display.duration(3 * 3600L + 1800)).isEqualTo("3.5 小时");
        assertThat(display.duration(2 * 86_400L + 4 * 3600)).isEqualTo("2 天 4 小时");
        assertThat(display.duration(null)).isEmpty();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(display.duration(60L)).isEqualTo("1 minute");
        assertThat(display.duration(3600L)).isEqualTo("1 hour");
        assertThat(display.duration(86_400L)).isEqualTo("1 day");
    }
}

package io.qiyue.shared.web;

import io.qiyue.shared.Money;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Formatting for templates ({@code ${@display.time(x)}}): instants in the business time zone,
 * money with grouping and two decimals, the same in both languages.
 */
@Component("display")
public class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;

    Display(Clock clock) {
        this.clock = clock;
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(clock.getZone()));
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    public String money(Money money) {
        if (money == null || money.value() == null) {
            return "";
        }
        return Money.written(money.value());
    }

    /** A sum in yuan given as a plain number (a fixed liquidated damages), written as money is. */
    public String yuan(java.math.BigDecimal value) {
        return value == null ? "" : money(Money.cny(value));
    }

    /**
     * How long something took, as a person says it: 不到 1 分钟, 25 分钟, 3.5 小时, 2 天 4 小时 (English alike);
     * "0.0 h" read as nothing at all.
     */
    public String duration(Long seconds) {
        if (seconds == null || seconds < 0) {
            return "";
        }
        boolean english = "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        if (seconds < 60) {
            return english ? "under a minute" : "不到 1 分钟";
        }
        if (seconds < 3600) {
            long minutes = seconds / 60;
            return english ? minutes + (minutes == 1 ? " minute" : " minutes") : minutes + " 分钟";
        }
        if (seconds < 86_400) {
            String hours = java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 1,
                    java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            return english ? hours + (hours.equals("1") ? " hour" : " hours") : hours + " 小时";
        }
        long days = seconds / 86_400;
        long hours = (seconds % 86_400) / 3600;
        if (english) {
            return days + (days == 1 ? " day" : " days")
                    + (hours == 0 ? "" : " " + hours + (hours == 1 ? " hour" : " hours"));
        }
        return days + " 天" + (hours == 0 ? "" : " " + hours + " 小时");
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}

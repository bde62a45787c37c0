package io.qiyue.shared.web;

import io.qiyue.shared.Money;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
        var format = NumberFormat.getNumberInstance(Locale.ROOT);
        format.setGroupingUsed(true);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return "¥" + format.format(money.value());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}

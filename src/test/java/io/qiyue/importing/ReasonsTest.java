package io.qiyue.importing;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A reason survives being stored, and reads in the reader's language with its labels and numbers. */
class ReasonsTest {
    private final Reasons reasons = new Reasons(bundles(), JsonMapper.builder().build());

    @Test
    void aStoredReasonReadsAsTheOriginalInEitherLanguage() {
        var reason = Reason.of("qiyue.import.unknown-value", "冻结", new Reason.Listing(List.of(
                Reason.label("enum.CustomerStatus.ACTIVE"), Reason.label("enum.CustomerStatus.ARCHIVED"))));
        var stored = reasons.read(reasons.stored(reason));

        assertThat(stored).isEqualTo(reason);
        assertThat(reasons.words(stored, Locale.SIMPLIFIED_CHINESE)).isEqualTo("无法识别的值“冻结”，可选值：正常、已归档。");
        assertThat(reasons.words(stored, Locale.ENGLISH)).isEqualTo("Unknown value \"冻结\"; allowed: Active, Archived.");
    }

    @Test
    void numbersStayNumbersAndOtherValuesAreKeptAsText() {
        var reason = Reason.of("code", 1234, 5L, new BigDecimal("12.50"), java.time.LocalDate.of(2026, 1, 2), null);
        var stored = reasons.read(reasons.stored(reason));

        assertThat(stored.args()).containsExactly(1234L, 5L, new BigDecimal("12.50"), "2026-01-02", "null");
        assertThat(reasons.read(null)).isNull();
    }

    private static ResourceBundleMessageSource bundles() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "errors");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}

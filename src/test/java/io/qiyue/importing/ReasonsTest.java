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

    @Test
    void aConstraintsMessageHasItsNamesFilledInTheReadersLanguage() {
        var reason = new Reason("jakarta.validation.constraints.Size.message",
                List.of(new Reason.Named("max", "100"), new Reason.Named("min", "0")));
        var stored = reasons.read(reasons.stored(reason));

        assertThat(stored).isEqualTo(reason);
        assertThat(reasons.words(stored, Locale.SIMPLIFIED_CHINESE)).isEqualTo("长度不能超过 100（文字按字数，列表按项数）。");
        assertThat(reasons.words(stored, Locale.ENGLISH)).isEqualTo("Must have at most 100 characters (items, for a list).");
    }

    private static ResourceBundleMessageSource bundles() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("messages", "errors");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        // as the application's (spring.messages.always-use-message-format)
        source.setAlwaysUseMessageFormat(true);
        return source;
    }
}

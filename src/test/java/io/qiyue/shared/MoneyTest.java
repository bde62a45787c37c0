package io.qiyue.shared;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void hasScaleTwoAndRoundsHalfUp() {
        assertThat(Money.cny("12").value()).isEqualByComparingTo("12.00").hasToString("12.00");
        assertThat(Money.cny("0.005").value()).hasToString("0.01");
        assertThat(Money.cny("0.004").value()).hasToString("0.00");
        assertThat(Money.cny(new BigDecimal("2.345")).value()).hasToString("2.35");
        assertThat(new Money(new BigDecimal("7.5"), null).value()).hasToString("7.50");
    }

    @Test
    void readsPlainDecimalsOnly() {
        assertThat(Money.parsePlain("120000.50")).isEqualByComparingTo("120000.5");
        assertThat(Money.parsePlain(".5")).isEqualByComparingTo("0.5");
        assertThat(Money.parsePlain("-3")).isEqualByComparingTo("-3");
        for (String text : new String[]{"1e5", "1E-3", "0x10", "NaN", "Infinity", "", " 1", "1.2.3", "."}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parsePlain(text)).as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void defaultsToCny() {
        assertThat(new Money(new BigDecimal("1"), null).currency()).isEqualTo("CNY");
        assertThat(Money.cny("1").toString()).isEqualTo("1.00 CNY");
    }

    @Test
    void addsWithinOneCurrencyOnly() {
        assertThat(Money.cny("0.10").plus(Money.cny("0.20"))).isEqualTo(Money.cny("0.30"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.cny("1").plus(new Money(new BigDecimal("1.00"), "USD")));
    }

    @Test
    void isZero() {
        assertThat(Money.cny("0").isZero()).isTrue();
        assertThat(Money.cny("0.01").isZero()).isFalse();
    }

    @Test
    void validationRefusesMoreThanTwoDecimalsNegativeValuesAndOtherCurrencies() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            var validator = factory.getValidator();
            assertThat(validator.validate(new Money(new BigDecimal("1.234"), "CNY"))).isNotEmpty();
            assertThat(validator.validate(new Money(new BigDecimal("-0.01"), "CNY"))).isNotEmpty();
            assertThat(validator.validate(new Money(new BigDecimal("1.00"), "USD"))).isNotEmpty();
            assertThat(validator.validate(new Money(new BigDecimal("999999999999999.99"), "CNY"))).isEmpty();
            assertThat(validator.validate(Money.cny("120000.00"))).isEmpty();
        }
    }

    @Test
    void isWrittenAsADecimalString() {
        String written = json.writeValueAsString(Money.cny("1234.5"));

        assertThat(written).contains("\"value\":\"1234.50\"").contains("\"currency\":\"CNY\"");
        assertThat(json.readValue("{\"value\":\"0.10\",\"currency\":\"CNY\"}", Money.class)).isEqualTo(Money.cny("0.10"));
    }
}

package io.qiyue.shared;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money: a decimal with at most two fraction digits, written as a string in JSON
 * so that no client ever rounds it through a binary float.
 */
public record Money(
        @NotNull @DecimalMin("0.00") @Digits(integer = Money.MAX_INTEGER_DIGITS, fraction = 2)
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
        @Pattern(regexp = "CNY", message = "{qiyue.money.currency}") String currency) {

    public static final String CNY = "CNY";
    static final int MAX_INTEGER_DIGITS = 15;

    public Money {
        if (currency == null) {
            currency = CNY;
        }
        // only within the digits a value may have: 1e99999999 has scale -99999999, and rescaling it would write
        // out a hundred million digits before validation could refuse it (@Digits reads precision and scale)
        if (value != null && value.scale() < 2 && value.precision() - value.scale() <= MAX_INTEGER_DIGITS) {
            value = value.setScale(2);
        }
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    /**
     * A decimal as people write amounts: digits with an optional point, no exponent. {@code BigDecimal} alone also
     * reads {@code 1e5} and {@code 1E-3}, which no one types for a price: such text is refused rather than
     * stored as 100000.
     *
     * @throws NumberFormatException when the text is anything else
     */
    public static BigDecimal parsePlain(String text) {
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("not a plain decimal");
        }
        return new BigDecimal(text);
    }

    /** Whether the text, as written, is a decimal with an exponent ({@code 1e5}). */
    public static boolean hasExponent(String text) {
        return text != null && (text.indexOf('e') >= 0 || text.indexOf('E') >= 0);
    }

    public static Money cny(String value) {
        return new Money(new BigDecimal(value).setScale(2, RoundingMode.HALF_UP), CNY);
    }

    public static Money cny(BigDecimal value) {
        return new Money(value.setScale(2, RoundingMode.HALF_UP), CNY);
    }

    /**
     * An amount as people read it in a message or on a page: ¥180,000.00 (grouped, two decimals, the same in both
     * languages), not the API's 180000.00.
     */
    public static String written(BigDecimal value) {
        var format = java.text.NumberFormat.getNumberInstance(java.util.Locale.ROOT);
        format.setGroupingUsed(true);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return "¥" + format.format(value);
    }

    /** The value at scale 2; input is validated to have at most two fraction digits first. */
    public BigDecimal scaled() {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(scaled().add(other.scaled()), currency);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isZero() {
        return value.signum() == 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return scaled().toPlainString() + " " + currency;
    }
}

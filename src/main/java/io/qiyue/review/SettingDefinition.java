package io.qiyue.review;

import io.qiyue.shared.FieldViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule parameter that admins may change, as {@code review/ruleset.json} declares it: its type, bounds,
 * default and labels. What a value must satisfy is this data, so a new setting needs no new code.
 *
 * @param fractionDigits the most digits after the decimal point a value may have (0 for an integer)
 */
public record SettingDefinition(SettingKey key, Type type, BigDecimal min, BigDecimal max, int fractionDigits,
                                BigDecimal defaultValue, String label, String labelEn, String description,
                                String descriptionEn) {

    /** The field that {@link #check} names, as the body of {@code PUT /reviews/settings/...} spells it. */
    public static final String FIELD = "value";

    public enum Type {
        INTEGER, DECIMAL
    }

    public SettingDefinition {
        if (type == Type.INTEGER) {
            fractionDigits = 0;
        }
        if (min.compareTo(max) > 0 || fractionDigits < 0) {
            throw new IllegalArgumentException("setting " + key + ": bounds " + min + ".." + max + ", "
                    + fractionDigits + " fraction digits");
        }
        // the fields are not assigned yet inside this constructor, so check() cannot be used
        if (defaultValue.compareTo(min) < 0 || defaultValue.compareTo(max) > 0
                || defaultValue.stripTrailingZeros().scale() > fractionDigits) {
            throw new IllegalArgumentException("setting " + key + ": default " + defaultValue + " is outside its bounds");
        }
    }

    /**
     * Why a value is not acceptable, as violations of {@link #FIELD}; empty when it is. The value itself
     * is never put into a message: a number of a million digits would be echoed back.
     */
    public List<FieldViolation> check(BigDecimal value) {
        if (value == null) {
            return List.of(new FieldViolation(FIELD, "qiyue.validation.required"));
        }
        var violations = new ArrayList<FieldViolation>();
        if (value.stripTrailingZeros().scale() > fractionDigits) {
            violations.add(fractionDigits == 0 ? new FieldViolation(FIELD, "qiyue.review.setting.integer")
                    : new FieldViolation(FIELD, "qiyue.review.setting.fraction-digits", fractionDigits));
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            violations.add(new FieldViolation(FIELD, "qiyue.validation.range", plain(min), plain(max)));
        }
        return List.copyOf(violations);
    }

    /** The value a review runs with when {@code stored} is what the database holds (null: never set or reset). */
    public BigDecimal effective(BigDecimal stored) {
        return stored != null && check(stored).isEmpty() ? stored : defaultValue;
    }

    public String label(Locale locale) {
        return english(locale) && labelEn != null ? labelEn : label;
    }

    public String description(Locale locale) {
        return english(locale) && descriptionEn != null ? descriptionEn : description;
    }

    /** A value as stored and shown: no exponent, no trailing zeros ({@code 25.00} and {@code 2.5E+1} are {@code 25}). */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}

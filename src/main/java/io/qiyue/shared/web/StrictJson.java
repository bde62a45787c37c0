package io.qiyue.shared.web;

import io.qiyue.shared.Text;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * A number where text belongs, text where a number or boolean belongs, or a number where a boolean
 * belongs is a client error to name, not something to guess at. Decimal strings stay allowed for
 * decimals, because money is written as a string ({@code "120000.00"}). Every string of a body passes
 * {@link Text#input}: a character no document can carry is a 400 naming the field (its JSON path), before
 * anything is stored that would fail every later rendering. A number is no enum's value ({@code "level": 1} is not
 * level B by its position), and a field given twice is refused rather than the last one silently kept.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder
                .enable(tools.jackson.databind.cfg.EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a null item of a list ("contacts": [null]) is a missing item, named by its index, not a failure
                // of the record that copies the list
                .withConfigOverride(java.util.List.class, o -> o.setNullHandling(
                        com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                                com.fasterxml.jackson.annotation.Nulls.FAIL)))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /**
     * A decimal whose exponent is beyond any amount, rate or threshold ({@code 1e99999999}) is refused where it
     * is read: the number is short, but any arithmetic that writes it out would hold a core for minutes.
     */
    @Bean
    JsonMapperBuilderCustomizer boundedDecimals() {
        return builder -> builder.addModule(new SimpleModule("qiyue-decimals")
                .addDeserializer(java.math.BigDecimal.class, new BoundedDecimal()));
    }

    /** "1e2" in a string: a form of writing refused, not a value out of range (outside tester: told the latter). */
    static final class ExponentInText extends tools.jackson.core.exc.InputCoercionException {
        ExponentInText(JsonParser p) {
            super(p, "decimal written with an exponent", p.currentToken(), java.math.BigDecimal.class);
        }
    }

    static final class BoundedDecimal extends tools.jackson.databind.deser.jdk.NumberDeserializers.BigDecimalDeserializer {
        /** Far beyond the 15 integer and 2 fraction digits of money, the 3 of a rate and the bounds of settings. */
        static final int MAX_SCALE = 100;

        @Override
        public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            // a decimal in a string is read as people write amounts ("1e5" is refused, see Money.parsePlain); a JSON
            // number keeps JSON's grammar, where 1E5 is as much a number as 100000
            if (p.currentToken() == tools.jackson.core.JsonToken.VALUE_STRING
                    && io.qiyue.shared.Money.hasExponent(p.getString())) {
                throw new ExponentInText(p);
            }
            var value = super.deserialize(p, ctxt);
            if (value != null && Math.abs((long) value.scale()) > MAX_SCALE) {
                throw new tools.jackson.core.exc.InputCoercionException(p, "decimal exponent out of range",
                        p.currentToken(), java.math.BigDecimal.class);
            }
            return value;
        }
    }

    @Bean
    JsonMapperBuilderCustomizer checkedText() {
        return builder -> builder.addModule(new SimpleModule("qiyue-text").addDeserializer(String.class, new CheckedString()));
    }

    /** Jackson's own string reading (with the coercion rules above), then {@link Text#input}. */
    static final class CheckedString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return Text.input(super.deserialize(p, ctxt));
        }
    }

    /**
     * A date outside 1900–9999 is refused where it is read ({@code "+999999999-12-31"} is valid ISO-8601): no
     * contract, payment or obligation of a living company falls there, and a document would print it as it is.
     */
    @Bean
    JsonMapperBuilderCustomizer boundedDates() {
        return builder -> builder.addModule(new SimpleModule("qiyue-dates")
                .addDeserializer(java.time.LocalDate.class, new BoundedDate()));
    }

    /**
     * Jackson's own date reading, then the bounds. A wrapper rather than a subclass: Jackson replaces its date
     * reader by a fresh one for each property (its format and leniency), which a subclass's check would not survive.
     */
    static final class BoundedDate extends tools.jackson.databind.ValueDeserializer<java.time.LocalDate> {
        private final tools.jackson.databind.ValueDeserializer<?> dates;

        BoundedDate() {
            this(tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer.INSTANCE);
        }

        private BoundedDate(tools.jackson.databind.ValueDeserializer<?> dates) {
            this.dates = dates;
        }

        @Override
        public tools.jackson.databind.ValueDeserializer<?> createContextual(DeserializationContext ctxt,
                                                                           tools.jackson.databind.BeanProperty property) {
            var contextual = dates.createContextual(ctxt, property);
            return contextual == dates ? this : new BoundedDate(contextual);
        }

        @Override
        public java.time.LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            // a day is written as one: Jackson also reads 20270101 as that many days after 1970, and drops the time
            // of "2027-01-01T12:00" or "2027-01-01T00:00:00Z", whose day depends on a time zone nobody named
            var token = p.currentToken();
            if (token == tools.jackson.core.JsonToken.VALUE_NUMBER_INT
                    || token == tools.jackson.core.JsonToken.VALUE_STRING && withTime(p.getString())) {
                throw new tools.jackson.databind.exc.InvalidFormatException(p, "not a day", p.getString(),
                        java.time.LocalDate.class);
            }
            var value = (java.time.LocalDate) dates.deserialize(p, ctxt);
            if (!io.qiyue.shared.DateBounds.within(value)) {
                throw new DateOutOfRangeException(p, value);
            }
            return value;
        }

        private static boolean withTime(String text) {
            return text.indexOf('T') >= 0 || text.indexOf('t') >= 0 || text.indexOf(':') >= 0;
        }

        @Override
        public Class<?> handledType() {
            return java.time.LocalDate.class;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    /** A date {@link BoundedDate} refuses; {@link ProblemHandler} names the field and the bounds. */
    static final class DateOutOfRangeException extends tools.jackson.databind.exc.InvalidFormatException {
        DateOutOfRangeException(JsonParser p, java.time.LocalDate value) {
            super(p, "date out of range", value, java.time.LocalDate.class);
        }
    }
}

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
 * anything is stored that would fail every later rendering.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder
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

    static final class BoundedDecimal extends tools.jackson.databind.deser.jdk.NumberDeserializers.BigDecimalDeserializer {
        /** Far beyond the 15 integer and 2 fraction digits of money, the 3 of a rate and the bounds of settings. */
        static final int MAX_SCALE = 100;

        @Override
        public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
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
}

package io.qiyue.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiyue.contract.ContractType;
import io.qiyue.shared.Money;
import io.qiyue.shared.web.RefusedValueException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.exc.InvalidFormatException;

import java.math.BigDecimal;
import java.util.List;

/**
 * When a step applies. Each criterion that is set is one test; {@code match} ALL (the default) needs every test to
 * pass, ANY at least one (the default flow's legal step: warnings accepted, or personal information, or a large
 * amount). No criterion set: the step always applies. The amounts are written as money is everywhere in the API
 * ({@code {"value": "100000.00", "currency": "CNY"}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepCondition(Match match, List<ContractType> types,
                            @Schema(implementation = Money.class) @JsonSerialize(using = AmountWriter.class)
                            @JsonDeserialize(using = AmountReader.class) BigDecimal amountAtLeast,
                            @Schema(implementation = Money.class) @JsonSerialize(using = AmountWriter.class)
                            @JsonDeserialize(using = AmountReader.class) BigDecimal amountBelow,
                            Boolean warningsAccepted, Boolean personalInformation, List<String> customerLevels) {
    public enum Match { ALL, ANY }

    public StepCondition {
        // 100000 and 100000.00 are one amount: a flow sent back as GET wrote it is the flow as stored (V22_1)
        amountAtLeast = cents(amountAtLeast);
        amountBelow = cents(amountBelow);
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount != null && amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    static final class AmountWriter extends ValueSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext context) {
            gen.writeStartObject();
            gen.writeStringProperty("value", (value.scale() < 2 ? value.setScale(2) : value).toPlainString());
            gen.writeStringProperty("currency", Money.CNY);
            gen.writeEndObject();
        }
    }

    /**
     * Money as the API writes it; also a plain number or decimal string, as flows were stored (and sent) before
     * conditions wrote money. Only CNY. The amount's own checks (not negative, two decimals) are the flow's.
     */
    static final class AmountReader extends ValueDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext context) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return scalar(p, context);
            }
            BigDecimal value = null;
            for (var token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "value" -> value = scalar(p, context);
                    case "currency" -> {
                        String currency = p.currentToken() == JsonToken.VALUE_NULL ? Money.CNY : p.getString();
                        if (!Money.CNY.equals(currency)) {
                            throw new RefusedValueException(p, currency, String.class, "qiyue.money.currency");
                        }
                    }
                    default -> context.handleUnknownProperty(p, this, BigDecimal.class, name);
                }
            }
            if (value == null) {
                return context.reportInputMismatch(this, "an amount needs its value");
            }
            return value;
        }

        private static BigDecimal scalar(JsonParser p, DeserializationContext context) {
            var token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Money.parsePlain(p.getString().strip());
                } catch (NumberFormatException e) {
                    throw new InvalidFormatException(p, "not an amount", p.getString(), BigDecimal.class);
                }
            }
            return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, p);
        }
    }
}

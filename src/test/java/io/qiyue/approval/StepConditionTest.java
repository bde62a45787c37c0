package io.qiyue.approval;

import io.qiyue.shared.web.RefusedValueException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepConditionTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAmountStoredAsABareNumberIsTheSameConditionAsTheMoneyGetAnswersWith() {
        var stored = json.readValue("{\"match\": \"ANY\", \"amountAtLeast\": 100000}", StepCondition.class);
        String answered = json.writeValueAsString(stored);
        assertThat(answered).contains("\"amountAtLeast\":{\"value\":\"100000.00\",\"currency\":\"CNY\"}");
        // the default flow sent back as GET wrote it is unchanged, so it stores no new version
        assertThat(json.readValue(answered, StepCondition.class)).isEqualTo(stored);
        assertThat(stored.amountAtLeast()).isEqualTo(new BigDecimal("100000.00"));
    }

    @Test
    void aCurrencyOtherThanCnyIsRefusedAtTheCurrency() {
        assertThatThrownBy(() -> json.readValue("{\"amountBelow\": {\"value\": \"1.00\", \"currency\": \"USD\"}}",
                StepCondition.class))
                .isInstanceOfSatisfying(RefusedValueException.class,
                        e -> assertThat(e.code()).isEqualTo("qiyue.money.currency"));
    }

    @Test
    void moreThanTwoDecimalsAreKeptForTheFlowsOwnCheckToRefuse() {
        var condition = json.readValue("{\"amountAtLeast\": \"1.001\"}", StepCondition.class);
        assertThat(condition.amountAtLeast()).isEqualTo(new BigDecimal("1.001"));
    }
}

package io.qiyue.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiyue.contract.ContractType;

import java.math.BigDecimal;
import java.util.List;

/**
 * When a step applies. Each criterion that is set is one test; {@code match} ALL (the default) needs every test to
 * pass, ANY at least one (the default flow's legal step: warnings accepted, or personal information, or a large
 * amount). No criterion set: the step always applies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepCondition(Match match, List<ContractType> types, BigDecimal amountAtLeast, BigDecimal amountBelow,
                            Boolean warningsAccepted, Boolean personalInformation, List<String> customerLevels) {
    public enum Match { ALL, ANY }
}

package io.qiyue.review;

import io.qiyue.contract.ContractType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class ValidContractsTest {
    static final ReviewEngine ENGINE = ReviewEngine.standard();

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void aWellDraftedContractOfEveryTypeHasNoFindings(ContractType type) {
        var evaluation = ENGINE.evaluate(Spec.valid(type).subject());
        assertThat(evaluation.errors()).isEmpty();
        assertThat(evaluation.findings()).isEmpty();
    }
}

package io.qiyue.contract;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ContractNumberTest {

    @Test
    void formatsTypeCodeYearAndSixDigitSequence() {
        assertThat(Contracts.number(ContractType.SERVICE, 2026, 1)).isEqualTo("QY-SVC-2026-000001");
        assertThat(Contracts.number(ContractType.SERVICE, 2026, 123)).isEqualTo("QY-SVC-2026-000123");
        assertThat(Contracts.number(ContractType.CONFIDENTIALITY, 2027, 999_999)).isEqualTo("QY-NDA-2027-999999");
    }

    @Test
    void eachTypeHasItsOwnCode() {
        assertThat(Arrays.stream(ContractType.values()).map(t -> Contracts.number(t, 2026, 7)))
                .containsExactly("QY-SVC-2026-000007", "QY-NDA-2026-000007", "QY-MNT-2026-000007",
                        "QY-CST-2026-000007", "QY-ISH-2026-000007");
    }

    @Test
    void fitsTheColumn() {
        assertThat(Contracts.number(ContractType.INFO_SHARING, 2026, 1_000_000)).hasSizeLessThanOrEqualTo(32);
    }
}

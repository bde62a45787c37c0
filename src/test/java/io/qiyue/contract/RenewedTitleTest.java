package io.qiyue.contract;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A renewal's default title names its own year of an annual contract (an outside tester found "2026年度" kept). */
class RenewedTitleTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 15);

    @Test
    void theYearOfAnAnnualContractMovesWithTheTerm() {
        assertThat(Contracts.renewedTitle("2026年度深圳前海星联贸易信息共享协议", START, LocalDate.of(2027, 11, 15)))
                .isEqualTo("2027年度深圳前海星联贸易信息共享协议");
    }

    @Test
    void otherTitlesAndTheSameYearStayAsTheyAre() {
        assertThat(Contracts.renewedTitle("2026年1月签订的框架协议之服务合同", START, LocalDate.of(2027, 1, 1)))
                .isEqualTo("2026年1月签订的框架协议之服务合同");
        assertThat(Contracts.renewedTitle("2026年度运维服务合同", START, LocalDate.of(2026, 12, 1)))
                .isEqualTo("2026年度运维服务合同");
        assertThat(Contracts.renewedTitle("运维服务合同", START, LocalDate.of(2027, 11, 15))).isEqualTo("运维服务合同");
    }
}

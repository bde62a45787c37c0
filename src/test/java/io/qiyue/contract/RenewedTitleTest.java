package io.qiyue.contract;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A renewal's default title names its own year of an annual contract (an outside tester found "2026年度" kept). */
class RenewedTitleTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 15);

    @Test
    void theYearOfAnAnnualContractMovesWithTheTerm() {
        assertThat(Contracts.renewedTitle("2026年度深圳前海星联贸易信息共享协议", START, null, LocalDate.of(2027, 11, 15), null))
                .isEqualTo("2027年度深圳前海星联贸易信息共享协议");
    }

    @Test
    void otherTitlesAndTheSameYearStayAsTheyAre() {
        assertThat(Contracts.renewedTitle("2026年1月签订的框架协议之服务合同", START, null, LocalDate.of(2027, 1, 1), null))
                .isEqualTo("2026年1月签订的框架协议之服务合同");
        assertThat(Contracts.renewedTitle("2026年度运维服务合同", START, null, LocalDate.of(2026, 12, 1), null))
                .isEqualTo("2026年度运维服务合同");
        assertThat(Contracts.renewedTitle("运维服务合同", START, null, LocalDate.of(2027, 11, 15), null)).isEqualTo("运维服务合同");
    }

    /** Outside tester: a two-year contract titled 2027-2028年度 kept its years, and the next renewal made 2027-2030年度. */
    @Test
    void aSpanOfYearsMovesWithItsStartAndEndAndBecomesOneYearWhenTheyMeet() {
        var oldStart = LocalDate.of(2026, 11, 1);
        var oldEnd = LocalDate.of(2028, 10, 31);
        String first = Contracts.renewedTitle("2027-2028年度云平台运维服务合同", oldStart, oldEnd,
                LocalDate.of(2028, 11, 1), LocalDate.of(2030, 10, 31));
        assertThat(first).isEqualTo("2029-2030年度云平台运维服务合同");
        assertThat(Contracts.renewedTitle(first, LocalDate.of(2028, 11, 1), LocalDate.of(2030, 10, 31),
                LocalDate.of(2030, 11, 1), LocalDate.of(2031, 10, 31))).isEqualTo("2031年度云平台运维服务合同");
        assertThat(Contracts.renewedTitle("2026至2027年技术服务合同", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31),
                LocalDate.of(2028, 1, 1), LocalDate.of(2029, 12, 31))).isEqualTo("2028至2029年技术服务合同");
    }
}

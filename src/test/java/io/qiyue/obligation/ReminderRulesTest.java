package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderRulesTest {

    private static Contract ending(LocalDate end, Integer noticeDays) {
        return new Contract("c1", "HT-1", ContractType.SERVICE, "服务合同", "cu", null, "oe", "owner", null,
                end.minusYears(1), end, false, noticeDays, ContractStatus.ACTIVE, null, 3, null, "owner", null);
    }

    @Test
    void theExpiryReminderIsLeftToTheRenewalNoticeWhenTheNoticeFallsWithinItsWindow() {
        LocalDate end = LocalDate.of(2031, 6, 30);
        assertThat(ContractReminders.noticeAlreadySaysIt(ending(end, null), 7)).as("30 days by default").isFalse();
        assertThat(ContractReminders.noticeAlreadySaysIt(ending(end, 60), 7)).isFalse();
        assertThat(ContractReminders.noticeAlreadySaysIt(ending(end, 7), 7)).isTrue();
        assertThat(ContractReminders.noticeAlreadySaysIt(ending(end, 3), 7)).isTrue();
    }

    @Test
    void keysNameTheThingAndItsDayOnce() {
        assertThat(ContractReminders.key(ending(LocalDate.of(2031, 6, 30), null)))
                .isEqualTo("CONTRACT_EXPIRING:c1:2031-06-30");
        assertThat(ObligationReminders.key(ReminderKind.OBLIGATION_DUE, "o1", LocalDate.of(2031, 1, 2)))
                .isEqualTo("OBLIGATION_DUE:o1:2031-01-02");
        assertThat(ObligationReminders.key(ReminderKind.OBLIGATION_OVERDUE, "o1", LocalDate.of(2031, 1, 2)))
                .isNotEqualTo(ObligationReminders.key(ReminderKind.OBLIGATION_DUE, "o1", LocalDate.of(2031, 1, 2)));
    }

    @Test
    void aKeyTooLongForTheColumnIsStoredAsItsHashTheSameEveryTime() {
        String shortKey = "X:" + "a".repeat(100);
        String longKey = "X:" + "a".repeat(300);
        assertThat(Reminders.storedKey(shortKey)).isEqualTo(shortKey);
        assertThat(Reminders.storedKey(longKey)).startsWith("sha256:").hasSizeLessThanOrEqualTo(Reminders.MAX_KEY)
                .isEqualTo(Reminders.storedKey(longKey));
    }
}

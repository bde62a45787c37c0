package io.qiyue.obligation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** An instalment's status as it stood on a day ({@link StatusOn}). */
class StatusOnTest {
    static final LocalDate DUE = LocalDate.of(2027, 1, 15);
    static final BigDecimal OWED = new BigDecimal("60000.00");
    static final BigDecimal NOTHING = new BigDecimal("0.00");

    @Test
    void paidSinceButUnpaidOnTheDayWasLateIfItsDueDateHadPassed() {
        assertThat(StatusOn.of(ObligationStatus.DONE, OWED, DUE, DUE.plusDays(14))).isEqualTo(ObligationStatus.OVERDUE);
        // on its due date and before it, not yet late
        assertThat(StatusOn.of(ObligationStatus.DONE, OWED, DUE, DUE)).isEqualTo(ObligationStatus.PENDING);
        assertThat(StatusOn.of(ObligationStatus.DONE, OWED, DUE, DUE.minusDays(1))).isEqualTo(ObligationStatus.PENDING);
    }

    @Test
    void lateTodayWasNotLateBeforeItsDueDateAndPaidOnTheDayIsDone() {
        assertThat(StatusOn.of(ObligationStatus.OVERDUE, OWED, DUE, DUE.minusDays(30)))
                .isEqualTo(ObligationStatus.PENDING);
        assertThat(StatusOn.of(ObligationStatus.OVERDUE, NOTHING, DUE, DUE.plusDays(3)))
                .as("paid by then, whatever happened since (a receipt taken back)").isEqualTo(ObligationStatus.DONE);
        assertThat(StatusOn.of(ObligationStatus.DONE, NOTHING, DUE, DUE.plusDays(3))).isEqualTo(ObligationStatus.DONE);
        assertThat(StatusOn.of(ObligationStatus.OVERDUE, new BigDecimal("0.01"), DUE, DUE.plusDays(1)))
                .as("a fen short is not paid").isEqualTo(ObligationStatus.OVERDUE);
    }

    @Test
    void pendingTodayIsLateOnAComingDayPastItsDueDate() {
        assertThat(StatusOn.of(ObligationStatus.PENDING, OWED, DUE, DUE.plusDays(45)))
                .isEqualTo(ObligationStatus.OVERDUE);
        assertThat(StatusOn.of(ObligationStatus.PENDING, OWED, null, DUE.plusDays(45)))
                .as("waiting for its trigger: never late").isEqualTo(ObligationStatus.PENDING);
    }

    @Test
    void aWaivedInstalmentReadsWaivedOnEveryDay() {
        assertThat(StatusOn.of(ObligationStatus.WAIVED, NOTHING, DUE, DUE.plusDays(10)))
                .isEqualTo(ObligationStatus.WAIVED);
        assertThat(StatusOn.of(ObligationStatus.WAIVED, NOTHING, DUE, DUE.minusDays(10)))
                .isEqualTo(ObligationStatus.WAIVED);
    }
}

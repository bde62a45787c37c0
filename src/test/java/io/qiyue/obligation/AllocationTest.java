package io.qiyue.obligation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System allocation goes by the day a receipt was paid (民法典第560条), then by the order receipts were recorded; the
 * instalments in due-date order ({@link Allocation#respread}).
 */
class AllocationTest {
    static final LocalDate DUE = LocalDate.of(2027, 1, 15);
    static final List<Allocation.Slot> PLAN = List.of(
            new Allocation.Slot("first", 1, DUE, new BigDecimal("60000.00"), true),
            new Allocation.Slot("second", 2, DUE.plusDays(90), new BigDecimal("60000.00"), true));

    private static Allocation.Part part(String obligationId, String amount) {
        return new Allocation.Part(obligationId, new BigDecimal(amount));
    }

    private static Allocation.Spread spread(String id, LocalDate paidOn, int recorded, String amount,
                                            boolean oldestFirst, Allocation.Part... parts) {
        return new Allocation.Spread(id, paidOn, Instant.ofEpochSecond(1_800_000_000L + recorded),
                new BigDecimal(amount), oldestFirst, List.of(parts));
    }

    @Test
    void aReceiptRecordedLateButPaidEarlierTakesTheInstalmentDueFirst() {
        // paid 40 days late and recorded first, it took the first instalment; a receipt paid 10 days late, recorded
        // afterwards (no parts yet), takes the first instalment, and the later money moves on
        var spread = Allocation.respread(PLAN, List.of(
                spread("march", DUE.plusDays(40), 1, "60000.00", true, part("first", "60000.00")),
                spread("february", DUE.plusDays(10), 2, "40000.00", true))).orElseThrow();
        assertThat(spread.get("february")).containsExactly(part("first", "40000.00"));
        assertThat(spread.get("march")).containsExactly(part("first", "20000.00"), part("second", "40000.00"));
    }

    @Test
    void onOneDayTheOrderOfRecordingDecides() {
        var spread = Allocation.respread(PLAN, List.of(
                spread("recordedSecond", DUE, 2, "60000.00", true),
                spread("recordedFirst", DUE, 1, "60000.00", true))).orElseThrow();
        assertThat(spread.get("recordedFirst")).containsExactly(part("first", "60000.00"));
        assertThat(spread.get("recordedSecond")).containsExactly(part("second", "60000.00"));
    }

    @Test
    void afterAReversalTheRemainingReceiptsAreSpreadInTheOrderTheyWerePaid() {
        // recorded in the order late, early; what the reversed one paid is gone: the early one pays the first
        var spread = Allocation.respread(PLAN, List.of(
                spread("late", DUE.plusDays(40), 1, "30000.00", true, part("second", "30000.00")),
                spread("early", DUE.plusDays(5), 2, "50000.00", true, part("second", "30000.00"),
                        part("first", "20000.00")))).orElseThrow();
        assertThat(spread.get("early")).containsExactly(part("first", "50000.00"));
        assertThat(spread.get("late")).containsExactly(part("first", "10000.00"), part("second", "20000.00"));
    }

    @Test
    void chosenInstalmentsAndMoneyOnInstalmentsThatTakeNoneStayWhateverTheDays() {
        var plan = List.of(new Allocation.Slot("first", 1, DUE, new BigDecimal("60000.00"), true),
                new Allocation.Slot("second", 2, DUE.plusDays(90), new BigDecimal("60000.00"), true),
                new Allocation.Slot("waived", 3, DUE.minusDays(30), new BigDecimal("30000.00"), false));
        var spread = Allocation.respread(plan, List.of(
                spread("chosen", DUE.plusDays(50), 1, "5000.00", false, part("first", "5000.00")),
                spread("late", DUE.plusDays(40), 2, "60000.00", true, part("first", "55000.00"),
                        part("second", "5000.00")),
                spread("early", DUE.plusDays(1), 3, "11000.00", true, part("waived", "1000.00")))).orElseThrow();
        assertThat(spread).containsOnlyKeys("late", "early");
        // the chosen 5,000.00 stays on the first; what is on the waived instalment stays; the early money pays first
        assertThat(spread.get("early")).containsExactly(part("waived", "1000.00"), part("first", "10000.00"));
        assertThat(spread.get("late")).containsExactly(part("first", "45000.00"), part("second", "15000.00"));
    }
}

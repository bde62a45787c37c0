package io.qiyue.obligation;

import io.qiyue.contract.Terms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Damages, allocation and ageing with exact amounts (the rules are in the classes' comments). */
class LateDamagesTest {
    static final LocalDate DUE = LocalDate.of(2027, 1, 15);

    static LateDamages.Instalment instalment(String id, LocalDate due, String amount, LateDamages.Payment... paid) {
        return new LateDamages.Instalment(id, due, new BigDecimal(amount), List.of(paid));
    }

    static LateDamages.Payment paid(LocalDate on, String amount) {
        return new LateDamages.Payment(on, new BigDecimal(amount));
    }

    static Terms.LiquidatedDamages clause(Terms.DamagesBasis basis, String value) {
        return new Terms.LiquidatedDamages(basis, new BigDecimal(value));
    }

    @Test
    void dailyRateChargesEveryLateYuanForEveryDayItWasLate() {
        // 60000.00 due 2027-01-15; 20000.00 paid on 01-25 (10 days late), 40000.00 unpaid on 02-14 (30 days late)
        var result = LateDamages.compute(clause(Terms.DamagesBasis.DAILY_RATE, "0.05"),
                List.of(instalment("a", DUE, "60000.00", paid(LocalDate.of(2027, 1, 25), "20000.00"))),
                LocalDate.of(2027, 2, 14), null);
        // (20000 × 10 + 40000 × 30) × 0.05 % = 1 400 000 × 0.0005 = 700.00
        assertThat(result.damages()).isEqualByComparingTo("700.00");
        assertThat(result.overdue()).isEqualByComparingTo("40000.00");
        assertThat(result.lines()).singleElement().satisfies(line -> {
            assertThat(line.lateAmount()).isEqualByComparingTo("60000.00");
            assertThat(line.yuanDays()).isEqualByComparingTo("1400000.00");
        });
    }

    @Test
    void dailyRateRoundsHalfUpOncePerInstalment() {
        // 333.33 × 3 days × 0.05 % = 0.499995 → 0.50 (rounding each day's 0.166665 would give 0.51)
        var result = LateDamages.compute(clause(Terms.DamagesBasis.DAILY_RATE, "0.05"),
                List.of(instalment("a", DUE, "333.33")), DUE.plusDays(3), null);
        assertThat(result.damages()).isEqualByComparingTo("0.50");
        // two instalments: each rounded, the total the sum of the lines
        var two = LateDamages.compute(clause(Terms.DamagesBasis.DAILY_RATE, "0.05"),
                List.of(instalment("a", DUE, "333.33"), instalment("b", DUE, "333.33")), DUE.plusDays(3), null);
        assertThat(two.damages()).isEqualByComparingTo("1.00");
    }

    @Test
    void paidOnTheDueDateOrNotYetDueIsNotLate() {
        var result = LateDamages.compute(clause(Terms.DamagesBasis.DAILY_RATE, "0.05"),
                List.of(instalment("a", DUE, "1000.00", paid(DUE, "1000.00")),
                        instalment("b", DUE.plusDays(30), "5000.00"), instalment("c", null, "9000.00")),
                DUE.plusDays(10), null);
        assertThat(result.damages()).isEqualByComparingTo("0.00");
        assertThat(result.overdue()).isEqualByComparingTo("0.00");
        assertThat(result.lines()).isEmpty();
    }

    @Test
    void paymentsAfterAsOfAreNotYetKnown() {
        var result = LateDamages.compute(clause(Terms.DamagesBasis.DAILY_RATE, "0.1"),
                List.of(instalment("a", DUE, "1000.00", paid(DUE.plusDays(20), "1000.00"))), DUE.plusDays(5), null);
        // 1000 × 5 × 0.1 % = 5.00, the payment on day 20 not counted on day 5
        assertThat(result.damages()).isEqualByComparingTo("5.00");
        assertThat(result.overdue()).isEqualByComparingTo("1000.00");
    }

    @Test
    void percentOfAmountIsTheShareOfTheContractAmountOnceAnythingWasLate() {
        var instalments = List.of(instalment("a", DUE, "60000.00", paid(LocalDate.of(2027, 1, 20), "10000.01")),
                instalment("b", DUE.plusDays(100), "60000.00"));
        // as the document says it: 10 % of the contract's 150000.00, however much was late and for how long
        var result = LateDamages.compute(clause(Terms.DamagesBasis.PERCENT_OF_AMOUNT, "10"), instalments,
                DUE.plusDays(40), new java.math.BigDecimal("150000.00"));
        assertThat(result.damages()).isEqualByComparingTo("15000.00");
        assertThat(result.overdue()).isEqualByComparingTo("49999.99");
        // without an amount, the plan's total
        assertThat(LateDamages.compute(clause(Terms.DamagesBasis.PERCENT_OF_AMOUNT, "10"), instalments,
                DUE.plusDays(40), null).damages()).isEqualByComparingTo("12000.00");
        // nothing late yet: nothing owed
        assertThat(LateDamages.compute(clause(Terms.DamagesBasis.PERCENT_OF_AMOUNT, "10"), instalments,
                DUE, null).damages()).isEqualByComparingTo("0.00");
    }

    @Test
    void fixedIsOneSumForTheContract() {
        var result = LateDamages.compute(clause(Terms.DamagesBasis.FIXED, "5000"),
                List.of(instalment("a", DUE, "100.00"), instalment("b", DUE, "200.00")), DUE.plusDays(1), null);
        assertThat(result.damages()).isEqualByComparingTo("5000.00");
        var none = LateDamages.compute(clause(Terms.DamagesBasis.FIXED, "5000"),
                List.of(instalment("a", DUE, "100.00", paid(DUE, "100.00"))), DUE.plusDays(1), null);
        assertThat(none.damages()).isEqualByComparingTo("0.00");
    }

    @Test
    void withoutAClauseNothingIsOwedButTheOverdueAmountIsStated() {
        var result = LateDamages.compute(null, List.of(instalment("a", DUE, "100.00")), DUE.plusDays(1), null);
        assertThat(result.damages()).isEqualByComparingTo("0.00");
        assertThat(result.overdue()).isEqualByComparingTo("100.00");
    }

    // --- allocation ---

    @Test
    void allocationPaysTheOldestDueFirstAndTriggeredOnesLast() {
        var open = List.of(new Allocation.Open("later", 1, DUE.plusDays(30), new BigDecimal("100.00")),
                new Allocation.Open("trigger", 2, null, new BigDecimal("500.00")),
                new Allocation.Open("oldest", 3, DUE, new BigDecimal("40.50")));
        var parts = Allocation.oldestFirst(open, new BigDecimal("200.00"));
        assertThat(parts).containsExactly(new Allocation.Part("oldest", new BigDecimal("40.50")),
                new Allocation.Part("later", new BigDecimal("100.00")),
                new Allocation.Part("trigger", new BigDecimal("59.50")));
        assertThat(Allocation.outstanding(open)).isEqualByComparingTo("640.50");
    }

    private static Allocation.Part part(String obligationId, String amount) {
        return new Allocation.Part(obligationId, new BigDecimal(amount));
    }

    /** A live receipt paid on {@code paidOn}, recorded {@code recorded}-th (its recording time in seconds). */
    private static Allocation.Spread spread(String id, LocalDate paidOn, int recorded, BigDecimal amount,
                                            boolean oldestFirst, List<Allocation.Part> parts) {
        return new Allocation.Spread(id, paidOn, java.time.Instant.ofEpochSecond(1_800_000_000L + recorded), amount,
                oldestFirst, parts);
    }

    @Test
    void afterAReversalTheReceiptsSpreadOldestFirstAreSpreadAgainInTheOrderRecorded() {
        // 60000.00 due first, 60000.00 later, 30000.00 waived (what is on it stays); the 50000.00 receipt was taken
        // back, leaving 20000.00 that had paid 10000.00 of each, 5000.00 someone put on the second and 8000.00 spread
        // after them
        var plan = List.of(new Allocation.Slot("second", 2, DUE.plusDays(90), new BigDecimal("60000.00"), true),
                new Allocation.Slot("first", 1, DUE, new BigDecimal("60000.00"), true),
                new Allocation.Slot("waived", 3, DUE.plusDays(200), new BigDecimal("30000.00"), false));
        var receipts = List.of(
                spread("split", DUE, 1, new BigDecimal("20000.00"), true,
                        List.of(part("first", "10000.00"), part("second", "10000.00"))),
                spread("chosen", DUE, 2, new BigDecimal("5000.00"), false, List.of(part("second", "5000.00"))),
                spread("odd", DUE, 3, new BigDecimal("8000.00"), true,
                        List.of(part("waived", "1000.00"), part("second", "7000.00"))));
        var spread = Allocation.respread(plan, receipts).orElseThrow();
        assertThat(spread).containsOnlyKeys("split", "odd");
        assertThat(spread.get("split")).containsExactly(part("first", "20000.00"));
        assertThat(spread.get("odd")).containsExactlyInAnyOrder(part("waived", "1000.00"), part("first", "7000.00"));

        // the first instalment full: what follows goes to the next, the chosen part set aside first
        var full = Allocation.respread(plan, List.of(
                spread("a", DUE, 4, new BigDecimal("58000.00"), true, List.of(part("first", "58000.00"))),
                spread("b", DUE, 5, new BigDecimal("4000.00"), true, List.of(part("second", "4000.00"))),
                spread("c", DUE, 6, new BigDecimal("3000.00"), false, List.of(part("first", "3000.00")))))
                .orElseThrow();
        assertThat(full.get("a")).containsExactly(part("first", "57000.00"), part("second", "1000.00"));
        assertThat(full.get("b")).containsExactly(part("second", "4000.00"));
    }

    @Test
    void receiptsThatDoNotFitThePlanAreNotSpreadAgain() {
        var plan = List.of(new Allocation.Slot("only", 1, DUE, new BigDecimal("100.00"), true));
        assertThat(Allocation.respread(plan, List.of(
                spread("a", DUE, 7, new BigDecimal("80.00"), true, List.of(part("only", "80.00"))),
                spread("b", DUE, 8, new BigDecimal("30.00"), false, List.of(part("only", "30.00"))))))
                .isEmpty();
    }

    @Test
    void allocationNeverOverAllocates() {
        var open = List.of(new Allocation.Open("a", 1, DUE, new BigDecimal("0.01")));
        assertThat(Allocation.oldestFirst(open, new BigDecimal("0.01")))
                .containsExactly(new Allocation.Part("a", new BigDecimal("0.01")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Allocation.oldestFirst(open, new BigDecimal("0.02")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Allocation.oldestFirst(open, BigDecimal.ZERO));
    }

    // --- ageing ---

    @Test
    void ageingBucketsByDaysPastDue() {
        LocalDate asOf = LocalDate.of(2027, 6, 30);
        assertThat(Ageing.bucket(asOf, asOf)).isEqualTo(Ageing.Bucket.NOT_DUE);
        assertThat(Ageing.bucket(null, asOf)).isEqualTo(Ageing.Bucket.NOT_DUE);
        assertThat(Ageing.bucket(asOf.minusDays(1), asOf)).isEqualTo(Ageing.Bucket.DAYS_0_30);
        assertThat(Ageing.bucket(asOf.minusDays(30), asOf)).isEqualTo(Ageing.Bucket.DAYS_0_30);
        assertThat(Ageing.bucket(asOf.minusDays(31), asOf)).isEqualTo(Ageing.Bucket.DAYS_31_60);
        assertThat(Ageing.bucket(asOf.minusDays(60), asOf)).isEqualTo(Ageing.Bucket.DAYS_31_60);
        assertThat(Ageing.bucket(asOf.minusDays(61), asOf)).isEqualTo(Ageing.Bucket.DAYS_61_90);
        assertThat(Ageing.bucket(asOf.minusDays(90), asOf)).isEqualTo(Ageing.Bucket.DAYS_61_90);
        assertThat(Ageing.bucket(asOf.minusDays(91), asOf)).isEqualTo(Ageing.Bucket.OVER_90);
    }

    @Test
    void ageingSumsPerGroupExactly() {
        LocalDate asOf = LocalDate.of(2027, 6, 30);
        var items = List.of(new Ageing.Item("c1", "u1", asOf.minusDays(5), new BigDecimal("0.10")),
                new Ageing.Item("c1", "u1", asOf.minusDays(6), new BigDecimal("0.20")),
                new Ageing.Item("c1", "u2", asOf.minusDays(100), new BigDecimal("1000.01")),
                new Ageing.Item("c2", "u2", asOf.plusDays(1), new BigDecimal("7.00")),
                new Ageing.Item("c2", "u2", asOf.minusDays(45), new BigDecimal("0.00")));
        var byCustomer = Ageing.sum(items, asOf, Ageing.Item::customerId);
        assertThat(byCustomer.get("c1").get(Ageing.Bucket.DAYS_0_30)).isEqualByComparingTo("0.30");
        assertThat(byCustomer.get("c1").get(Ageing.Bucket.OVER_90)).isEqualByComparingTo("1000.01");
        assertThat(byCustomer.get("c1").overdue()).isEqualByComparingTo("1000.31");
        assertThat(byCustomer.get("c2").get(Ageing.Bucket.NOT_DUE)).isEqualByComparingTo("7.00");
        assertThat(byCustomer.get("c2").overdue()).isEqualByComparingTo("0.00");
        assertThat(byCustomer.get("c2").total()).isEqualByComparingTo("7.00");
        var byOwner = Ageing.sum(items, asOf, Ageing.Item::owner);
        assertThat(byOwner.get("u2").total()).isEqualByComparingTo("1007.01");
    }

    @Test
    void latenessPaidOffMoreThanThreeYearsAgoIsOutOfTime() {
        // an outside tester's legacy contract: 1,200,000.00 in three instalments, the last paid five days late in
        // 2021, 10 % of the amount for any lateness; seen in 2026 the claim is out of time (民法典第188条)
        var instalments = List.of(
                instalment("a", LocalDate.of(2019, 3, 15), "400000.00", paid(LocalDate.of(2019, 3, 15), "400000.00")),
                instalment("b", LocalDate.of(2020, 3, 15), "400000.00", paid(LocalDate.of(2020, 3, 15), "400000.00")),
                instalment("c", LocalDate.of(2021, 3, 15), "400000.00", paid(LocalDate.of(2021, 3, 20), "400000.00")));
        var percent = clause(Terms.DamagesBasis.PERCENT_OF_AMOUNT, "10");
        assertThat(LateDamages.compute(percent, instalments, LocalDate.of(2026, 12, 8), null).damages())
                .isEqualByComparingTo("0.00");
        // within the three years, on their last day, it is owed
        assertThat(LateDamages.compute(percent, instalments, LocalDate.of(2024, 3, 20), null).damages())
                .isEqualByComparingTo("120000.00");
        assertThat(LateDamages.compute(percent, instalments, LocalDate.of(2024, 3, 21), null).damages())
                .isEqualByComparingTo("0.00");
        // a yuan still unpaid is late however old
        var unpaid = List.of(instalment("d", LocalDate.of(2019, 3, 15), "400000.00"));
        assertThat(LateDamages.compute(percent, unpaid, LocalDate.of(2026, 12, 8), new BigDecimal("400000.00"))
                .damages()).isEqualByComparingTo("40000.00");
    }
}

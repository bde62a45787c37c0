package io.qiyue.review;

import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms.DamagesBasis;
import io.qiyue.contract.Terms.LiquidatedDamages;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QY-V001 where the damages cannot be computed: a share of an amount the contract does not have, or a daily rate of
 * what is late on a contract where nothing is paid. The document then compensates the actual loss instead
 * (DocumentModels), which the drafter must be told; a fixed sum, or an amount to take the share of, is clean.
 */
class DamagesWithoutAmountTest {
    private static final ReviewEngine ENGINE = RuleCatalogueTest.ENGINE;

    private static List<String> codes(Spec s) {
        var e = ENGINE.evaluate(s.subject());
        assertThat(e.errors()).isEmpty();
        return e.findings().stream().filter(f -> f.ruleId().equals("QY-V001")).map(f -> f.messageCode()).toList();
    }

    @Test
    void aShareOfNoAmountIsAWarning() {
        var s = Spec.valid(ContractType.INFO_SHARING);
        s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("10"));
        assertThat(codes(s)).containsExactly("review.QY-V001.noAmount");

        s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("50000"));
        assertThat(codes(s)).isEmpty();
    }

    /** Outside tester: 200% printed beside the document's cap of liability at the contract amount, and no word said. */
    @Test
    void damagesAboveTheAmountContradictTheCapTheDocumentPrints() {
        var s = Spec.valid(ContractType.SERVICE);
        s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("200"));
        assertThat(codes(s)).containsExactlyInAnyOrder("review.QY-V001.excessive", "review.QY-V001.aboveCap");
        s.damages = new LiquidatedDamages(DamagesBasis.FIXED, s.amount.value().add(new BigDecimal("0.01")));
        assertThat(codes(s)).containsExactlyInAnyOrder("review.QY-V001.excessive", "review.QY-V001.aboveCap");
        s.damages = new LiquidatedDamages(DamagesBasis.FIXED, s.amount.value());
        assertThat(codes(s)).containsExactly("review.QY-V001.excessive");
        s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("100"));
        assertThat(codes(s)).containsExactly("review.QY-V001.excessive");
    }

    @Test
    void aShareOrADailyRateOfAFreeContractIsAWarning() {
        var s = Spec.valid(ContractType.SERVICE);
        s.noConsideration = true;
        s.amount = null;
        s.schedule = null;
        s.paymentMethod = null;
        s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.05"));
        assertThat(codes(s)).containsExactly("review.QY-V001.dailyFree");
        s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("10"));
        assertThat(codes(s)).containsExactly("review.QY-V001.noAmount");
    }

    /** QY-C008: an instalment due after the end is a warning (a retention may be), one within the term is clean. */
    @Test
    void anInstalmentDueAfterTheEndIsAWarning() {
        var s = Spec.valid(ContractType.SERVICE);
        var last = s.schedule.get(1);
        s.schedule.set(1, new io.qiyue.contract.Terms.Instalment(java.time.LocalDate.of(2099, 4, 17), null, last.amount(),
                last.description()));
        var e = ENGINE.evaluate(s.subject());
        assertThat(e.findings().stream().filter(f -> f.ruleId().equals("QY-C008")).map(f -> f.messageCode() + " "
                + f.severity())).containsExactly("review.QY-C008.afterEnd WARNING");
    }

    @Test
    void aShareOfTheAmountIsClean() {
        assertThat(codes(Spec.valid(ContractType.SERVICE))).isEmpty();
    }
}

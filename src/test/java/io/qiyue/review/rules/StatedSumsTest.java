package io.qiyue.review.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatedSumsTest {
    private static final BigDecimal AMOUNT = new BigDecimal("100000");

    private static List<String> damages(String text, long days) {
        return StatedSums.in(text, StatedSums.DAMAGES, StatedSums.DEPOSIT, AMOUNT, days, true).stream()
                .map(s -> text.substring(s.start(), s.end()) + "=" + s.percent().stripTrailingZeros().toPlainString()
                        + (s.daily() ? " daily" : ""))
                .toList();
    }

    private static List<String> deposit(String text) {
        return StatedSums.in(text, StatedSums.DEPOSIT, StatedSums.DAMAGES, AMOUNT, 1, false).stream()
                .map(s -> text.substring(s.start(), s.end()) + "=" + s.percent().stripTrailingZeros().toPlainString())
                .toList();
    }

    @Test
    void chineseNumerals() {
        assertThat(Figures.number("四十")).isEqualByComparingTo("40");
        assertThat(Figures.number("三十五")).isEqualByComparingTo("35");
        assertThat(Figures.number("十")).isEqualByComparingTo("10");
        assertThat(Figures.number("零点五")).isEqualByComparingTo("0.5");
        assertThat(Figures.number("壹万贰仟")).isEqualByComparingTo("12000");
        assertThat(Figures.number("一百二十万")).isEqualByComparingTo("1200000");
        assertThat(Figures.number("甲")).isNull();
    }

    @Test
    void damagesAsPercentagesAmountsAndDailyRates() {
        assertThat(damages("乙方违约的，应按合同总价的35%向甲方支付违约金。", 365)).containsExactly("35%=35");
        assertThat(damages("违约方应支付相当于合同金额百分之四十的违约金。", 365)).containsExactly("百分之四十=40");
        assertThat(damages("违约金为人民币50,000元。", 365)).containsExactly("人民币50,000元=50");
        assertThat(damages("违约金为伍万元整。", 365)).containsExactly("伍万元整=50");
        assertThat(damages("违约金为5万元。", 365)).containsExactly("5万元=50");
        assertThat(damages("每逾期一日，乙方应按合同总价的1%支付违约金。", 100)).containsExactly("1%=100 daily");
        assertThat(damages("逾期付款的，每日按未付金额的万分之五支付违约金。", 365)).containsExactly("万分之五=18.25 daily");
        assertThat(damages("每逾期一日按合同总价的1%支付违约金，违约金累计不超过合同总价的10%。", 365))
                .containsExactly("1%=10 daily");
        assertThat(damages("违约金以合同总价的20%为限，每日按0.5%计算。", 365)).containsExactly("0.5%=20 daily");
    }

    @Test
    void depositAndDamagesInOneSentenceAreReadApart() {
        String text = "甲方应支付定金为合同总价的35%，乙方违约的，应支付合同总价10%的违约金。";
        assertThat(deposit(text)).containsExactly("35%=35");
        assertThat(damages(text, 365)).containsExactly("10%=10");
        assertThat(deposit("双方约定金额为合同总价的30%的预付款。")).isEmpty();
        assertThat(deposit("甲方支付订金为合同总价的30%。")).isEmpty();
    }

    @Test
    void aLineBreakInsideAnAmountIsNoFigureOfItsOwn() {
        assertThat(damages("违约金为壹万贰仟元整（¥12,000.00）。", 365)).containsExactly("壹万贰仟元整=12");
    }
}

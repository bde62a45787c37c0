package io.qiyue.review;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finding's sums read as money on the page and in the API's message (¥180,000.00), while the finding keeps the
 * plain numbers its acceptance is matched by (an outside tester found 各期付款合计180000.00元).
 */
class FindingMoneyTest {
    private static final ReviewEngine ENGINE = ReviewEngine.standard();

    @Test
    void sumsInFindingsAreWrittenAsMoneyInBothLanguages() {
        var evaluation = new Evaluation("test", null, List.of(
                finding("QY-C008", "review.QY-C008.sum", "180000.00", "200000.00"),
                finding("QY-V002", "review.QY-V002.excessive", "50000.00", "40000.00", "10000.00", "20"),
                finding("QY-L007", "review.QY-L007.fixed", "违约金人民币伍仟元整。", "5000")), List.of());

        var zh = ENGINE.localise(evaluation, Locale.SIMPLIFIED_CHINESE).findings();
        assertThat(zh.get(0).message()).isEqualTo("各期付款合计¥180,000.00，与合同金额¥200,000.00不一致");
        assertThat(zh.get(1).message()).startsWith("定金¥50,000.00超过合同金额的20%（¥40,000.00），超出的¥10,000.00不");
        assertThat(zh.get(2).message()).contains("违约金¥5,000.00已在").doesNotContain("元已在");

        var en = ENGINE.localise(evaluation, Locale.ENGLISH).findings();
        assertThat(en.get(0).message()).isEqualTo("The instalments sum to ¥180,000.00 but the amount is ¥200,000.00");
        assertThat(en.get(2).message()).contains("liquidated damages of ¥5,000.00 are").doesNotContain("RMB");
        assertThat(evaluation.findings().get(0).args()).as("the finding itself unchanged").containsExactly("180000.00",
                "200000.00");
    }

    private static RawFinding finding(String rule, String code, String... args) {
        return new RawFinding(rule, Severity.WARNING, "/terms", null, code, List.of(args), null);
    }
}

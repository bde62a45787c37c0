package io.qiyue.review;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qiyue.contract.ContractType.CONFIDENTIALITY;
import static io.qiyue.contract.ContractType.CONSULTING;
import static io.qiyue.contract.ContractType.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text rules over counterparty wording (issue #11 item 4): each wording is found, with its message and
 * citation, and a clean counterpart of it is not.
 */
class FreeTextRulesTest {

    /** "messageCode words" of the rule's findings over a SERVICE contract (amount 120,000) with this clause. */
    private static List<String> found(String ruleId, String clause) {
        return RuleCatalogueTest.findings(Spec.valid(SERVICE).with(s -> s.breachDescription = clause), ruleId).stream()
                .map(f -> f.severity() + " " + f.messageCode().substring(("review." + ruleId + ".").length()) + " "
                        + clause.substring(f.span().start(), f.span().end()))
                .toList();
    }

    private static String citation(String ruleId, String clause) {
        var f = RuleCatalogueTest.findings(Spec.valid(SERVICE).with(s -> s.breachDescription = clause), ruleId)
                .getFirst();
        return f.citation().source() + f.citation().article();
    }

    @Test
    void liquidatedDamagesStatedInWords() {
        assertThat(found("QY-V001", "乙方违约的，应按合同总价的35%向甲方支付违约金。"))
                .containsExactly("WARNING textExcessive 35%");
        assertThat(found("QY-V001", "违约方应支付相当于合同金额百分之四十的违约金。"))
                .containsExactly("WARNING textExcessive 百分之四十");
        assertThat(found("QY-V001", "每逾期一日，乙方应按合同总价的1%支付违约金。"))
                .containsExactly("WARNING textDaily 1%");
        assertThat(found("QY-V001", "违约金为人民币60,000元。")).containsExactly("WARNING textExcessive 人民币60,000元");
        // per day is said of the rate beside it, not of every rate in the sentence
        assertThat(found("QY-V001", "违约方应支付相当于合同总价的百分之四十的违约金，另每日按1%计付。"))
                .containsExactly("WARNING textDaily 1%");
        assertThat(found("QY-V001", "违约方应支付相当于合同总价的百分之四十的违约金，另每日按0.01%计付。"))
                .containsExactly("WARNING textExcessive 百分之四十");
        // within 30% (of 120,000), or capped within it
        assertThat(found("QY-V001", "乙方违约的，应按合同总价的20%支付违约金。")).isEmpty();
        assertThat(found("QY-V001", "每逾期一日按合同总价的1%支付违约金，累计不超过合同总价的10%。")).isEmpty();
        assertThat(found("QY-V001", "违约金为人民币30,000元。")).isEmpty();
    }

    @Test
    void depositsStatedInWords() {
        assertThat(found("QY-V002", "甲方应于签约后支付定金，定金为合同总价的35%。"))
                .containsExactly("WARNING textExcessive 35%");
        assertThat(found("QY-V002", "甲方支付定金人民币伍万元整。")).containsExactly("WARNING textExcessive 人民币伍万元整");
        assertThat(found("QY-V002", "甲方支付定金为合同总价的20%。")).isEmpty();
        assertThat(found("QY-V002", "双方约定金额为合同总价的35%的预付款。")).isEmpty();
        assertThat(found("QY-V002", "甲方支付订金为合同总价的35%。")).isEmpty();
    }

    @Test
    void depositAndDamagesTogetherInAllItsForms() {
        for (String together : List.of(
                "乙方违约的，定金不予退还，并应另行支付合同总价10%的违约金。",
                "甲方违约的，定金归乙方所有，甲方还应支付违约金。",
                "乙方违约的，应双倍返还定金，另行支付违约金。",
                "违约方应支付违约金，并且定金不予退还。",
                "甲方违约的，丧失定金，并应支付违约金。")) {
            assertThat(found("QY-V003", together)).as(together).hasSize(1);
        }
        assertThat(found("QY-V003", "乙方违约的，定金不予退还；守约方只能选择适用定金或违约金条款。")).isEmpty();
        assertThat(found("QY-V003", "乙方违约的，应支付违约金。")).isEmpty();
    }

    @Test
    void exemptionForOnesOwnBreachAndUnlimitedLiability() {
        assertThat(found("QY-V004", "甲方逾期付款的，不承担任何违约责任。"))
                .containsExactly("WARNING breachExemption 逾期付款的，不承担任何违约责任");
        assertThat(citation("QY-V004", "甲方逾期付款的，不承担任何违约责任。")).isEqualTo("民法典第577条、第497条");
        assertThat(found("QY-V004", "因甲方原因导致乙方逾期交付的，乙方不承担违约责任。")).isEmpty();
        assertThat(found("QY-V004", "因不可抗力逾期交付的，不承担违约责任。")).isEmpty();
        assertThat(found("QY-V004", "甲方逾期付款的，应承担违约责任。")).isEmpty();

        assertThat(found("QY-V004", "乙方违约的，应承担甲方的一切损失。"))
                .containsExactly("WARNING unlimited 承担甲方的一切损失");
        assertThat(citation("QY-V004", "乙方违约的，应承担甲方的一切损失。")).isEqualTo("民法典第584条");
        assertThat(found("QY-V004", "乙方违约的，应承担甲方的一切损失，但累计不超过合同总价。")).isEmpty();
        assertThat(found("QY-V004", "违约方应赔偿守约方因此遭受的实际损失。")).isEmpty();
    }

    @Test
    void personalInformationInFreeText() {
        assertThat(found("QY-P003", "乙方可收集甲方员工的身份证号码和行踪轨迹用于考勤。"))
                .singleElement().asString().startsWith("WARNING textSensitive 收集甲方员工的身份证号码");
        assertThat(found("QY-P003", "乙方不得收集甲方员工的身份证号码。")).isEmpty();
        assertThat(found("QY-P003", "经员工单独同意后，乙方可收集其身份证号码用于门禁。")).isEmpty();

        assertThat(found("QY-P001", "乙方可将甲方客户的个人信息提供给其关联公司用于营销。")).hasSize(1);
        assertThat(found("QY-P001", "未经个人单独同意，乙方不得将个人信息提供给关联公司。")).isEmpty();

        assertThat(found("QY-P004", "乙方可将用户个人信息存储于境外服务器。")).hasSize(1);
        assertThat(found("QY-P004", "乙方应收集甲方会员的身份证号码，并可将会员数据存储于境外服务器。")).hasSize(1);
        assertThat(found("QY-P004", "个人信息存储于中华人民共和国境内，不得出境。")).isEmpty();
        assertThat(found("QY-P004", "乙方可将其产品手册存储于境外服务器。")).isEmpty();
        // free text counts in every contract type, not only in information-sharing agreements
        assertThat(RuleCatalogueTest.findings(Spec.valid(CONSULTING).with(s -> s.breachDescription =
                "乙方可将用户个人信息存储于境外服务器。"), "QY-P004")).hasSize(1);
    }

    /** QY-V005 over uploaded paper: a limitation printed in bold or underlined is conspicuous. */
    @Test
    void aLimitationPrintedInBoldIsConspicuous() {
        String text = "第九条 责任限制\n乙方的赔偿责任以本合同总金额为限。\n";
        var subject = Spec.valid(SERVICE).subject();
        var engine = RuleCatalogueTest.ENGINE;
        var plain = DocumentText.review(engine, subject, 1_000_000_001, text);
        assertThat(plain.findings()).extracting(RawFinding::ruleId).contains("QY-V005");
        var bold = DocumentText.review(engine, subject, 1_000_000_001, text, List.of("乙方的赔偿责任以本合同总金额为限。"));
        assertThat(bold.findings()).extracting(RawFinding::ruleId).doesNotContain("QY-V005");
        var otherBold = DocumentText.review(engine, subject, 1_000_000_001, text, List.of("第九条责任限制"));
        assertThat(otherBold.findings()).extracting(RawFinding::ruleId).contains("QY-V005");
    }

    /** Issue #11 item 3: where the template prints a default clause, the review says so instead of warning. */
    @Test
    void aDefaultClauseOfTheTemplateIsNoMissingClause() {
        var bare = Spec.valid(SERVICE).with(s -> {
            s.dispute = null;
            s.confidentialityObligations = null;
        }).subject();
        assertThat(RuleCatalogueTest.ENGINE.evaluate(bare).findings()).extracting(f -> f.ruleId() + " " + f.severity())
                .contains("QY-C007 WARNING", "QY-C011 WARNING");
        var defaulted = bare.withSuppliedByTemplate(java.util.Map.of("/terms/dispute", "协商不成的，向被告住所地法院起诉。",
                "/terms/confidentialityObligations", "不得向任何第三方披露保密信息。"));
        assertThat(RuleCatalogueTest.ENGINE.evaluate(defaulted).findings()).extracting(f -> f.ruleId() + " " + f.severity())
                .contains("QY-C007 INFO", "QY-C011 INFO").doesNotContain("QY-C007 WARNING", "QY-C011 WARNING");
    }

    /** An NDA without a period prints the template's 至保密信息为公众所知悉时止, a period the rule accepts: advice. */
    @Test
    void theTemplatesUntilPublicIsAPeriod() {
        var bare = Spec.valid(CONFIDENTIALITY).with(s -> s.confidentialityPeriod = null).subject();
        assertThat(RuleCatalogueTest.ENGINE.evaluate(bare).findings()).extracting(f -> f.ruleId() + " " + f.severity())
                .contains("QY-C012 WARNING");
        var defaulted = bare.withSuppliedByTemplate(java.util.Map.of("/terms/confidentialityPeriod", "保密信息为公众所知悉时"));
        assertThat(RuleCatalogueTest.ENGINE.evaluate(defaulted).findings()).extracting(f -> f.ruleId() + " " + f.severity())
                .contains("QY-C012 INFO").doesNotContain("QY-C012 WARNING");
    }

    /** Found by an outside tester: an NDA keeping its secrets 100 years after termination passed without a word. */
    @Test
    void aConfidentialityPeriodFarBeyondTheUsualIsWarnedOfWithItsYears() {
        var century = Spec.valid(CONFIDENTIALITY)
                .with(s -> s.confidentialityPeriod = new io.qiyue.contract.Terms.PeriodAfterTermination(100)).subject();
        assertThat(RuleCatalogueTest.ENGINE.evaluate(century).findings())
                .filteredOn(f -> f.messageCode().endsWith("periodTooLong"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(io.qiyue.review.Severity.WARNING);
                    assertThat(f.args()).containsExactly("100", "10");
                });
        var usual = Spec.valid(CONFIDENTIALITY)
                .with(s -> s.confidentialityPeriod = new io.qiyue.contract.Terms.PeriodAfterTermination(10)).subject();
        assertThat(RuleCatalogueTest.ENGINE.evaluate(usual).findings())
                .noneMatch(f -> f.messageCode().endsWith("periodTooLong"));
    }
}

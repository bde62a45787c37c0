package io.qiyue.review;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qiyue.contract.ContractType.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text rules over the extracted text of an uploaded document: one clause per line, findings with the
 * exact words as spans within the line, checked against the contract's record ({@link Spec}: customer
 * 杭州示例科技有限公司, we 上海契约信息技术有限公司, 2027-01-01 to 2027-12-31), and nothing about the
 * structured terms.
 */
class DocumentTextTest {
    static final ReviewEngine ENGINE = ReviewEngine.standard();
    static final int E1 = 1_000_000_001;

    /** Counterparty paper with one defect per paragraph (lines 1, 3–8) and clean ones between. */
    static final String PAPER = """
            技术服务合同
            甲方：杭州示列科技有限公司
            乙方：上海契约信息技术有限公司
            一、服务期限：本合同自2027年2月1日起生效，至2027年12月31日止。
            二、服务费用：服务费总额为人民币壹拾贰万元整（¥100,000.00）。
            三、乙方应及时响应甲方的服务请求，并在合理期限内修复故障。
            四、甲方逾期付款的，乙方有权没收定金并同时适用违约金条款。
            五、甲方同意免除乙方在服务中造成的人身伤害赔偿责任。
            六、争议解决：双方可向上海仲裁委员会申请仲裁或者向甲方所在地人民法院起诉。

            甲方（盖章）：杭州示列科技有限公司    乙方（盖章）：上海契约信息技术有限公司
            """;

    /** "ruleId severity path [start,end) words" of every finding, in the engine's order. */
    static List<String> findings(ReviewSubject subject, int version, String text) {
        var lines = DocumentText.lines(text);
        return DocumentText.review(ENGINE, subject, version, text).findings().stream().map(f -> {
            assertThat(f.span()).as("%s", f).isNotNull();
            assertThat(f.span().clauseId()).isEqualTo(f.path());
            int line = Integer.parseInt(f.path().substring(f.path().lastIndexOf('/') + 1));
            String words = lines.get(line).substring(f.span().start(), f.span().end());
            return f.ruleId() + " " + f.severity() + " " + f.path() + " [" + f.span().start() + "," + f.span().end()
                    + ") " + words;
        }).toList();
    }

    @Test
    void everyTextRuleReportsTheExactWordsOfItsParagraph() {
        var subject = Spec.valid(SERVICE).subject();
        String p = "/versions/" + E1 + "/paragraphs/";

        assertThat(findings(subject, E1, PAPER)).containsExactly(
                "QY-L001 WARNING " + p + "5 [5,7) 及时",
                "QY-L001 WARNING " + p + "5 [19,23) 合理期限",
                "QY-L003 BLOCKER " + p + "4 [16,35) 壹拾贰万元整（¥100,000.00）",
                "QY-L004 BLOCKER " + p + "3 [11,20) 2027年2月1日",
                "QY-L005 WARNING " + p + "1 [3,13) 杭州示列科技有限公司",
                "QY-L005 WARNING " + p + "10 [7,17) 杭州示列科技有限公司",
                "QY-V003 WARNING " + p + "6 [14,26) 没收定金并同时适用违约金",
                "QY-V004 BLOCKER " + p + "7 [6,21) 免除乙方在服务中造成的人身伤害",
                "QY-V007 BLOCKER " + p + "8 [13,36) 仲裁委员会申请仲裁或者向甲方所在地人民法院起诉");
    }

    /**
     * A paper prints its own dispute article: one that only goes to court, on a contract recorded with arbitration,
     * is a text and a record that disagree, not 或裁或诉 (an outside tester); a paper that itself chooses both is.
     */
    @Test
    void aPaperChoosingTheOtherForumThanTheRecordDisagreesWithItButChoosesBothOnlyByItsOwnWords() {
        var arbitrationRecorded = Spec.valid(SERVICE).subject();
        assertThat(arbitrationRecorded.terms().dispute().method()).isEqualTo(io.qiyue.contract.Terms.DisputeMethod.ARBITRATION);
        String p = "/versions/" + E1 + "/paragraphs/";
        String toCourt = """
                技术服务合同
                一、争议解决：因本合同引起的争议，双方协商不成的，可向上海市浦东新区人民法院提起诉讼。
                """;
        var court = findings(arbitrationRecorded, E1, toCourt).stream().filter(f -> f.startsWith("QY-V007")).toList();
        assertThat(court).hasSize(1);
        assertThat(court.getFirst()).startsWith("QY-V007 WARNING " + p + "1 ");
        var message = ENGINE.localise(DocumentText.review(ENGINE, arbitrationRecorded, E1, toCourt),
                java.util.Locale.SIMPLIFIED_CHINESE).findings().stream()
                .filter(f -> f.ruleId().equals("QY-V007")).findFirst().orElseThrow().message();
        assertThat(message).contains("上传的文本", "合同记录的争议解决方式为仲裁").doesNotContain("仲裁协议无效");

        String both = """
                技术服务合同
                一、争议解决：因本合同引起的争议，提交上海仲裁委员会仲裁。
                二、因本合同引起的争议，任何一方也可向上海市浦东新区人民法院提起诉讼。
                """;
        var twice = findings(arbitrationRecorded, E1, both).stream().filter(f -> f.startsWith("QY-V007")).toList();
        assertThat(twice).hasSize(1);
        assertThat(twice.getFirst()).startsWith("QY-V007 BLOCKER " + p + "2 ");
    }

    @Test
    void messagesAndCitationsAreThoseOfTheRules() {
        var evaluation = DocumentText.review(ENGINE, Spec.valid(SERVICE).subject(), E1, PAPER);
        var review = ENGINE.localise(evaluation, java.util.Locale.SIMPLIFIED_CHINESE);
        var byRule = new java.util.LinkedHashMap<String, Finding>();
        review.findings().forEach(f -> byRule.putIfAbsent(f.ruleId(), f));

        assertThat(byRule.get("QY-L003").message()).contains("壹拾贰万元整", "¥100,000.00");
        assertThat(byRule.get("QY-L004").message()).contains("2027年2月1日", "2027-01-01");
        assertThat(byRule.get("QY-L005").message()).contains("杭州示列科技有限公司", "杭州示例科技有限公司");
        assertThat(byRule.get("QY-V004").citation().source()).isEqualTo("民法典");
        assertThat(byRule.get("QY-V004").citation().article()).isEqualTo("第506条");
        assertThat(byRule.get("QY-V007").citation().source()).isEqualTo("仲裁法解释");
        assertThat(byRule.get("QY-V007").citation().article()).isEqualTo("第7条");
        assertThat(byRule.get("QY-V003").citation().article()).isEqualTo("第588条");
        assertThat(review.blockers()).isEqualTo(4);
        assertThat(review.warnings()).isEqualTo(5);
    }

    @Test
    void aPaperThatAgreesWithTheRecordHasNoFindingsAndStructuredFindingsStayOut() {
        // the contract itself has structured defects (no dispute clause, arbitration and a court): not the paper's
        var subject = Spec.valid(SERVICE).with(s -> s.dispute = null).subject();
        assertThat(ENGINE.evaluate(subject).findings()).extracting(RawFinding::ruleId).contains("QY-C007");
        String clean = """
                技术服务合同
                甲方：杭州示例科技有限公司
                乙方：上海契约信息技术有限公司
                一、服务期限：本合同自2027年1月1日起生效，至2027年12月31日止。
                二、服务费用：服务费总额为人民币壹拾贰万元整（¥120,000.00）。
                三、乙方应在接到请求后2小时内响应，24小时内修复故障。
                四、任何一方违约的，应赔偿对方因此遭受的全部损失。
                五、争议解决：提交上海仲裁委员会仲裁。
                """;

        assertThat(DocumentText.review(ENGINE, subject, E1, clean).findings()).isEmpty();
    }

    @Test
    void theNumberingAParagraphStartsWithIsNoTimeButANumberNearTheWordIs() {
        var subject = Spec.valid(SERVICE).subject();
        String text = """
                第五条 甲方应及时付款。
                （二）乙方应尽快处理。
                3.1 乙方应及时响应。
                三、乙方应在3日内及时答复。
                """;
        assertThat(findings(subject, E1, text)).containsExactly(
                "QY-L001 WARNING /versions/1000000001/paragraphs/0 [7,9) 及时",
                "QY-L001 WARNING /versions/1000000001/paragraphs/1 [6,8) 尽快",
                "QY-L001 WARNING /versions/1000000001/paragraphs/2 [7,9) 及时");
    }

    @Test
    void anExemptionForPersonalInjuryIsFoundInEitherOrderButAProhibitionIsNoExemption() {
        var subject = Spec.valid(SERVICE).subject();
        assertThat(findings(subject, E1, "乙方不承担甲方人员人身损害的赔偿责任。\n"))
                .containsExactly("QY-V004 BLOCKER /versions/1000000001/paragraphs/0 [2,13) 不承担甲方人员人身损害");
        assertThat(findings(subject, E1, "乙方不得免除其对人身伤害的赔偿责任。\n"))
                .noneMatch(f -> f.startsWith("QY-V004"));
    }

    @Test
    void paragraphsAreTheLinesOfTheStoredTextNumberedFromZero() {
        assertThat(DocumentText.lines("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(DocumentText.lines("a\nb")).containsExactly("a", "b");
        assertThat(DocumentText.lines("")).isEmpty();
        assertThat(DocumentText.paragraphs(E1, "甲\n \n乙\n")).containsExactly(
                new Clause("/versions/1000000001/paragraphs/0", "甲"),
                new Clause("/versions/1000000001/paragraphs/2", "乙"));
        assertThat(DocumentText.inDocument(E1, "/versions/1000000001/paragraphs/2")).isTrue();
        assertThat(DocumentText.inDocument(E1, "/versions/10000000010/paragraphs/2")).isFalse();
        assertThat(DocumentText.inDocument(E1, "/terms/dispute")).isFalse();
    }

    @Test
    void theSameWordsInAnotherVersionAreFoundUnderThatVersion() {
        int e2 = E1 + 1;
        assertThat(findings(Spec.valid(SERVICE).subject(), e2, "乙方应尽快处理。\n"))
                .containsExactly("QY-L001 WARNING /versions/1000000002/paragraphs/0 [3,5) 尽快");
    }
}

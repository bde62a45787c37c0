package io.qiyue.signing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence report PDF without the application: text extractable, values escaped, both languages. */
class EvidenceReportPdfTest {
    static final String APPROVED = "3f2a9c4be1d07a5563c8e2f19b0d4a7e6c5b8f2e1d0c9b8a7f6e5d4c3b2a1908";
    static final String FROZEN = "a41be0f3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5";
    static final String SIGNED = "0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";
    static final String HOSTILE = "<script>&\"王'";
    static final String LONG_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN "
            + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    private final EvidenceReportPdf pdf = new EvidenceReportPdf(messages());

    @Test
    void rendersTheReportWithExtractableChineseTextAndEscapedValues() throws IOException {
        byte[] bytes = pdf.render(sample(), Locale.SIMPLIFIED_CHINESE);
        keep("evidence-zh.pdf", bytes);

        String text = text(bytes);
        assertThat(text).contains("电子签署存证报告", "HT-2027-0042", "杭州示例科技有限公司", "合同专用章",
                "验证码错误", "第 1 页 共", "北京时间");
        assertThat(text).contains(HOSTILE);
        String compact = text.replaceAll("\\s+", "");
        assertThat(compact).contains(APPROVED, FROZEN, SIGNED);
        assertThat(compact).contains(LONG_AGENT.replace(" ", ""));
        // times in Asia/Shanghai with their offset: 02:31:07 UTC is 10:31:07 in Shanghai
        assertThat(text).contains("2027-01-05 10:31:07 +08:00");
        // signed on the day the text prints: no remark about it
        assertThat(compact).contains("文本所载签订日期2027-01-05").doesNotContain("晚于文本所载签订日期");
    }

    @Test
    void rendersInEnglish() throws IOException {
        byte[] bytes = pdf.render(sample(), Locale.ENGLISH);
        keep("evidence-en.pdf", bytes);
        String text = text(bytes);
        assertThat(text).contains("Electronic signing evidence report", "Wrong code", "Page 1 of", HOSTILE);
    }

    @Test
    void rendersAReportWithNothingYetRecorded() throws IOException {
        var empty = new EvidenceReport("c-1", null, null, null, null, null, null, null, null, null, null, null, null,
                null, false, null, null);
        assertThat(text(pdf.render(empty, Locale.SIMPLIFIED_CHINESE))).contains("电子签署存证报告", "尚未生成", "无记录");
    }

    @Test
    void aRoundSignedOnPaperIsReportedAsSuchWithoutClaimingDigitalSignatures() throws IOException {
        var s = sample();
        var paper = new EvidenceReport(s.contractId(), s.contractNumber(), s.contractTitle(), s.customerName(),
                s.ourEntityName(), s.approvedSha256(), s.frozenSha256(), s.signedSha256(), s.generatedAt(),
                s.generatedBy(), s.signers(), List.of(), s.events(), java.time.LocalDate.of(2027, 1, 5), false,
                java.time.LocalDate.of(2027, 1, 1), java.time.LocalDate.of(2027, 1, 5));
        // outside tester: titled an electronic signing report whose final file carried "every party's digital
        // signature", with no signature recorded
        String text = text(pdf.render(paper, Locale.SIMPLIFIED_CHINESE)).replaceAll("\\s+", "");
        assertThat(text).contains("签署存证报告（线下纸质签署）", "签署扫描件", "2027-01-05", "线下签署不产生数字签名")
                .doesNotContain("电子签署存证报告", "包含各方数字签名");
        // signed later than the 签订日期 the text prints: the report says on which day the contract was made
        assertThat(text).contains("文本所载签订日期2027-01-01", "各方签署完成日期2027-01-05",
                "各方于2027-01-05签署完成，晚于文本所载签订日期2027-01-01", "第四百九十条");
        assertThat(text(pdf.render(paper, Locale.ENGLISH))).contains("signed on paper")
                .doesNotContain("Electronic signing evidence report");
    }

    @Test
    void anImportedScanIsNotReportedAsApprovedOrSentForSigning() throws IOException {
        var s = sample();
        var imported = new EvidenceReport(s.contractId(), s.contractNumber(), s.contractTitle(), s.customerName(),
                s.ourEntityName(), null, null, s.signedSha256(), s.generatedAt(), s.generatedBy(), List.of(), List.of(),
                List.of(), java.time.LocalDate.of(2024, 1, 5), true, null, java.time.LocalDate.of(2024, 1, 5));
        // outside tester: the scan's hash stood for the approved and frozen texts, "shown to be the text approved"
        String text = text(pdf.render(imported, Locale.SIMPLIFIED_CHINESE)).replaceAll("\\s+", "");
        assertThat(text).contains("导入的历史合同", "签署扫描件").doesNotContain("与审批通过的文本一致", "尚未生成");
    }

    static EvidenceReport sample() {
        Instant t0 = Instant.parse("2027-01-05T02:00:00Z");
        var signers = List.of(
                new EvidenceReport.Signer("OURS", 1, "陈法务", "契约科技（上海）有限公司", "legal.chen@qiyue.example",
                        "138****8000", "SIGNED", "PASSWORD", t0.plusSeconds(1800), t0.plusSeconds(1827), "10.0.0.12",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        "合同专用章", null),
                new EvidenceReport.Signer("THEIRS", 2, HOSTILE, "杭州示例科技有限公司", "lisi@example.com", "139****5678",
                        "SIGNED", "SMS_CODE", t0.plusSeconds(1860), t0.plusSeconds(1867), "2408:8207:6c4a:1b20::3f",
                        LONG_AGENT, null, null));
        var signatures = List.of(
                new EvidenceReport.SignatureInfo(1, "陈法务", "契约科技（上海）有限公司", t0.plusSeconds(1827), true, true,
                        t0.plusSeconds(1828), "CN=契约科技（上海）有限公司 签章, O=契约科技（上海）有限公司, C=CN",
                        "5f3a91c2e07b44d1a9e8", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new EvidenceReport.SignatureInfo(2, HOSTILE, "杭州示例科技有限公司", t0.plusSeconds(1867), true, false,
                        null, "CN=" + HOSTILE + ", O=杭州示例科技有限公司, C=CN", "07aa41c9",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        var events = List.of(
                new EvidenceReport.Event(t0, "STARTED", "陈法务", "10.0.0.12", null, "签署顺序：我方先签"),
                new EvidenceReport.Event(t0.plusSeconds(5), "LINK_SENT", "system", null, null, "发送至 lisi@example.com"),
                new EvidenceReport.Event(t0.plusSeconds(1790), "CODE_SENT", "陈法务", "10.0.0.12", null, null),
                new EvidenceReport.Event(t0.plusSeconds(1800), "CODE_VERIFIED", "陈法务", "10.0.0.12", null, null),
                new EvidenceReport.Event(t0.plusSeconds(1827), "SIGNED", "陈法务", "10.0.0.12", null, "使用印章：合同专用章"),
                new EvidenceReport.Event(t0.plusSeconds(1830), "LINK_OPENED", HOSTILE, "2408:8207:6c4a:1b20::3f",
                        LONG_AGENT, null),
                new EvidenceReport.Event(t0.plusSeconds(1840), "CODE_SENT", HOSTILE, "2408:8207:6c4a:1b20::3f", null,
                        "短信发送至 139****5678"),
                new EvidenceReport.Event(t0.plusSeconds(1850), "CODE_WRONG", HOSTILE, "2408:8207:6c4a:1b20::3f", null,
                        "第 1 次错误"),
                new EvidenceReport.Event(t0.plusSeconds(1860), "CODE_VERIFIED", HOSTILE, "2408:8207:6c4a:1b20::3f",
                        null, null),
                new EvidenceReport.Event(t0.plusSeconds(1867), "SIGNED", HOSTILE, "2408:8207:6c4a:1b20::3f",
                        LONG_AGENT, null),
                new EvidenceReport.Event(t0.plusSeconds(1000), "REMINDER", "system", null, null, "催签邮件\u0007（第 1 次）"));
        return new EvidenceReport("0b6f2d1e-7c4a-4e55-9a3b-2f1c0d9e8a7b", "HT-2027-0042", "2027年度IT运维服务合同",
                "杭州示例科技有限公司", "契约科技（上海）有限公司", APPROVED, FROZEN, SIGNED,
                t0.plusSeconds(3600), "admin", signers, signatures, events, null, false,
                java.time.LocalDate.of(2027, 1, 5), java.time.LocalDate.of(2027, 1, 5));
    }

    static ResourceBundleMessageSource messages() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "errors");
        messages.setDefaultEncoding("UTF-8");
        messages.setAlwaysUseMessageFormat(true);
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static String text(byte[] bytes) throws IOException {
        try (var document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static void keep(String name, byte[] bytes) throws IOException {
        var dir = Path.of("target", "evidence");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}

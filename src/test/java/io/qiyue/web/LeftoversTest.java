package io.qiyue.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoversTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;

    @Test
    void findsTheProgramsNotationInASentence() {
        assertThat(Leftovers.inText("/terms/payment/deposit: 必须大于或等于0.00", ZH))
                .extracting(Leftovers.Finding::kind).contains("JSON pointer", "validation default");
        assertThat(Leftovers.inText("状态：IN_APPROVAL", ZH)).extracting(Leftovers.Finding::found).contains("IN_APPROVAL");
        assertThat(Leftovers.inText("争议解决：NEGOTIATION_THEN_ARBITRATION", EN)).isNotEmpty();
        assertThat(Leftovers.inText("noConsideration: 不能为null", ZH)).extracting(Leftovers.Finding::kind)
                .contains("field name", "validation default");
        assertThat(Leftovers.inText("??audit.type.CONTRACT_REVIEW_zh_CN??", ZH)).extracting(Leftovers.Finding::kind)
                .contains("missing message key");
        assertThat(Leftovers.inText("找不到obligation：x", ZH)).extracting(Leftovers.Finding::found).contains("obligation");
        assertThat(Leftovers.inText("取值“abc”无法解析为 decimal。", ZH)).extracting(Leftovers.Finding::found)
                .contains("decimal");
        assertThat(Leftovers.inText("termination.noticeDays: 最小不能小于0", ZH)).isNotEmpty();
        assertThat(Leftovers.inText("must not be null", EN)).isNotEmpty();
        assertThat(Leftovers.inText("状态：DRAFT", ZH)).extracting(Leftovers.Finding::found).contains("DRAFT");
    }

    @Test
    void leavesWordsAcronymsAddressesAndIdentifiersAlone() {
        assertThat(Leftovers.inText("付款条款 › 定金：不能小于 0。", ZH)).isEmpty();
        assertThat(Leftovers.inText("API 令牌供系统集成调用 /api/v1 使用（请求头 Authorization: Bearer 令牌）", ZH)).isEmpty();
        assertThat(Leftovers.inText("上传 DOCX 或 PDF 文件，邮箱 dpo@example.com，见 https://qiyue.io/problems/x", ZH)).isEmpty();
        assertThat(Leftovers.inText("Payment terms › Deposit: must not be less than 0.", EN)).isEmpty();
        assertThat(Leftovers.inText("合同编号 HT-FW-2026-0001，信用代码 91310115MA0000001Y，规则 QY-C011", ZH)).isEmpty();
    }

    @Test
    void readsAPageAsPeopleSeeIt() {
        String page = """
                <html><head><title>合同</title><script>var inApproval = "IN_APPROVAL";</script></head>
                <body><main><nav><a href="/contracts?status=IN_APPROVAL">合同</a></nav>
                <table><tr><th>Status</th><td>IN_APPROVAL</td><td><code>/terms/x/y</code></td>
                <td class="font-monospace">HT-FW-2026-0001 abcDef</td></tr></table>
                <input placeholder="noticeDays"><details><summary>Save</summary></details>
                <select><option value="DRAFT">草稿</option></select></main></body></html>
                """;
        assertThat(Leftovers.inPage(page, ZH)).extracting(Leftovers.Finding::found)
                .contains("IN_APPROVAL", "/terms/x/y", "noticeDays", "Save")
                .doesNotContain("abcDef", "inApproval", "DRAFT");
        assertThat(Leftovers.inPage("<html><body><table><tr><th>客户</th><td>契约示例有限公司</td></tr></table></body></html>",
                EN)).extracting(Leftovers.Finding::kind).containsExactly("Chinese label in English");
        assertThat(Leftovers.inPage("<html><body><p>客户</p></body></html>", EN, true)).isEmpty();
        assertThat(Leftovers.inPage("<html><body><p><span translate=\"no\">客户</span></p></body></html>", EN)).isEmpty();
    }
}

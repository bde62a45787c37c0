package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type rendered for a paid and a free contract, as PDF and as DOCX, and read back as a lawyer reads it:
 * every sentence is true for the contract (no payment, account, invoice or liability cap in a free one), the
 * article and clause numbers run without gaps, payment triggers, tax, signing and notices are printed, and
 * nothing is masked.
 */
class GeneratedDocumentsTest {
    private static final Renderer RENDERER = new Renderer();
    private static final Pattern ARTICLE = Pattern.compile("第([一二三四五六七八九十]+)条");
    private static final Pattern CLAUSE = Pattern.compile("(?m)^(\\d+)\\.(\\d+)[\\s\u3000]");
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            "十三", "十四", "十五"};

    record Texts(String pdf, String docx) {
        List<String> both() {
            return List.of(pdf, docx);
        }
    }

    static Contract paid(ContractType type) {
        return SampleContracts.contract(type);
    }

    /** The same contract made free: no amount, payment marked noConsideration, boxes left unticked. */
    static Contract free(ContractType type) {
        Contract c = SampleContracts.contract(type);
        ContractTerms t = c.terms();
        Terms.Payment payment = type.allows("payment") ? new Terms.Payment(null, null, null, true) : null;
        Terms.SharedInformation shared = t.sharedInformation() == null ? null
                : new Terms.SharedInformation(t.sharedInformation().categories(), true, null, "联合营销", null, null,
                Terms.SharingDirection.PARTY_B_PROVIDES);
        var terms = new ContractTerms(payment, t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(),
                t.intellectualProperty(), t.confidentialityObligations(), t.service(), t.confidentialInformation(),
                t.confidentialityPeriod(), t.maintenance(), t.consulting(), shared, t.sharingMethods(),
                t.sharingPeriod(), t.personalInformation(), null, null);
        return new Contract(c.id(), c.number(), type, c.title(), c.customerId(), c.customerName(), c.ourEntityId(),
                c.owner(), null, c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), terms,
                c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
    }

    static RenderedDocument render(Contract c) {
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        return RENDERER.render(DefaultTemplates.body(c.type()), model, "t", 1);
    }

    static Texts read(RenderedDocument doc) throws Exception {
        String pdf;
        try (var pd = Loader.loadPDF(doc.pdf())) {
            pdf = new PDFTextStripper().getText(pd);
            assertThat(pd.getDocumentInformation().getTitle()).isEqualTo(doc.title());
            assertThat(pd.getDocumentInformation().getAuthor()).isEqualTo("上海契约信息技术有限公司");
        }
        String docx;
        try (var d = new XWPFDocument(new ByteArrayInputStream(doc.docx())); var x = new XWPFWordExtractor(d)) {
            docx = x.getText();
            assertThat(d.getProperties().getCoreProperties().getTitle()).isEqualTo(doc.title());
            assertThat(d.getProperties().getCoreProperties().getCreator()).isEqualTo("上海契约信息技术有限公司");
        }
        return new Texts(pdf, docx);
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void a_paid_contract_prints_its_triggers_tax_signing_and_notices(ContractType type) throws Exception {
        for (String text : read(render(paid(type))).both()) {
            String flat = text.replaceAll("\\s+", "");
            assertNumbering(text);
            assertThat(text).doesNotContain("****", "{{");
            assertThat(flat).contains("签订日期：2026年12月20日", "签订地点：上海市浦东新区", "通知与送达",
                    "双方同意以电子邮件方式送达通知", "legal@qiyue.example");
            if (type == ContractType.CONFIDENTIALITY) {
                assertThat(flat).doesNotContain("费用及支付方式", "知识产权", "以本合同总金额为限", "收款账户");
                assertThat(flat).contains("本协议为单向保密协议", "甲方为披露方", "乙方为接收方");
                continue;
            }
            // an amount is written once with its currency: ¥120,000.00（大写：人民币壹拾贰万元整）, not 人民币¥…元
            assertThat(flat).contains("¥120,000.00（大写：人民币壹拾贰万元整）").doesNotContain("人民币¥");
            assertThat(flat).contains("合同签订后10个工作日内，且不晚于2027年1月15日", "上线验收合格后10个工作日内",
                    "上述金额为含税金额，增值税税率为6%", "开具等额增值税专用发票", "6222021001000000001",
                    "该定金抵作第1期款项的一部分", "【特别提示】", "以本合同总金额为限");
        }
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void a_free_contract_has_no_payment_account_invoice_or_cap(ContractType type) throws Exception {
        for (String text : read(render(free(type))).both()) {
            String flat = text.replaceAll("\\s+", "");
            assertNumbering(text);
            assertThat(text).doesNotContain("****", "{{");
            assertThat(flat).doesNotContain("收款账户", "发票", "分期支付", "定金", "按照本合同约定支付费用",
                    "以本合同总金额为限", "6222021001000000001");
            // signing and notices are printed as lines to fill in, never left out
            assertThat(flat).contains("签订地点：", "通知与送达", "本合同首部所列甲方住所", "未约定以电子邮件方式送达");
            if (type.allows("payment")) {
                assertThat(flat).contains("本合同为无偿合同");
            }
        }
    }

    @Test
    void the_sharing_agreement_names_provider_and_receiver_and_prints_an_unticked_consent_as_no() throws Exception {
        String paid = read(render(paid(ContractType.INFO_SHARING))).docx().replaceAll("\\s+", "");
        assertThat(paid).contains("甲方为共享信息的提供方（“提供方”），乙方为共享信息的接收方（“接收方”）",
                "提供方甲方", "接收方乙方", "是否已取得个人的单独同意是");
        for (String text : read(render(free(ContractType.INFO_SHARING))).both()) {
            String flat = text.replaceAll("\\s+", "");
            assertThat(flat).contains("乙方为共享信息的提供方", "甲方为共享信息的接收方", "是否已取得个人的单独同意否",
                    "是否包含敏感个人信息否", "是否向境外提供否");
        }
    }

    @Test
    void a_mutual_nda_says_so_and_numbers_articles_without_gaps() throws Exception {
        Contract c = SampleContracts.contract(ContractType.CONFIDENTIALITY);
        var t = c.terms();
        var info = t.confidentialInformation();
        var terms = new ContractTerms(null, t.rightsAndObligations(), null, null, null, null, null, null,
                new Terms.ConfidentialInformation(info.categories(), null, null, Terms.NdaDirection.MUTUAL), null, null,
                null, null, null, null, null, null, null);
        var mutual = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), null, c.startDate(), c.endDate(), false, null, c.status(), terms, 1,
                c.createdAt(), c.createdBy(), c.updatedAt());
        for (String text : read(render(mutual)).both()) {
            assertNumbering(text);
            // no termination conditions agreed: the document says so rather than invent some (QY-C009 then is true)
            assertThat(text.replaceAll("\\s+", "")).contains("本协议为双向保密协议", "任何一方向另一方披露保密信息时",
                    "双方未另行约定解除条件").doesNotContain("单向", "严重违约");
        }
    }

    @Test
    void chinese_article_numbers() {
        assertThat(List.of(1, 9, 10, 11, 20, 23, 100, 105, 110).stream().map(ChineseNumbers::of))
                .containsExactly("一", "九", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十");
    }

    /** Articles run 第一条, 第二条 … and the clauses of article n run n.1, n.2 … with no number skipped. */
    private static void assertNumbering(String text) {
        var articles = new ArrayList<String>();
        var m = ARTICLE.matcher(text);
        while (m.find()) {
            articles.add(m.group(1));
        }
        assertThat(articles).isNotEmpty();
        assertThat(articles).containsExactlyElementsOf(List.of(NUMERALS).subList(0, articles.size()));
        var clauses = CLAUSE.matcher(text);
        int article = 0;
        int clause = 0;
        while (clauses.find()) {
            int a = Integer.parseInt(clauses.group(1));
            int n = Integer.parseInt(clauses.group(2));
            if (a != article) {
                assertThat(a).as("article after %d", article).isEqualTo(article + 1);
                article = a;
                clause = 0;
            }
            assertThat(n).as("clause after %d.%d", a, clause).isEqualTo(clause + 1);
            clause = n;
        }
        assertThat(article).isEqualTo(articles.size());
    }
}

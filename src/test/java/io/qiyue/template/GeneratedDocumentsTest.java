package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.shared.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
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
        return RENDERER.render(DefaultTemplates.body(c.type()), model, "t", 1, c.updatedAt());
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
                    "该定金抵作第1期款项的一部分", "【特别提示】", self(type) + "总金额为限");
            // the share of the amount the damages come to, written as a fixed sum is
            assertThat(flat).contains(self(type) + "总金额10%的违约金（按" + self(type)
                    + "总金额计算为¥12,000.00，大写：人民币壹万贰仟元整）");
        }
        // less than a fen is no sum to print (an outside tester read 计算为¥0.00 of a total of ¥0.01)
        Contract cent = with(paid(type), Money.cny(new BigDecimal("0.01")), paid(type).terms());
        if (type != ContractType.CONFIDENTIALITY) {
            for (String text : read(render(cent)).both()) {
                assertThat(text.replaceAll("\\s+", "")).contains("总金额10%的违约金").doesNotContain("计算为¥0.00");
            }
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
                    "总金额为限", "6222021001000000001", "结算条款", "总金额10%的违约金");
            if (type != ContractType.CONFIDENTIALITY) {
                // a share of nothing is no remedy: the breaching party compensates the actual loss
                assertThat(flat).contains("违约方应赔偿守约方因违约行为所遭受的实际损失");
            }
            // signing and notices are printed as lines to fill in, never left out
            assertThat(flat).contains("签订地点：", "通知与送达", self(type) + "首部所列甲方住所", "未约定以电子邮件方式送达");
            if (type.allows("payment")) {
                assertThat(flat).contains(self(type) + "为无偿合同");
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
        // no personal information shared: nobody's consent is asked for
        Contract c = paid(ContractType.INFO_SHARING);
        ContractTerms t = c.terms();
        var shared = t.sharedInformation();
        var noPersonal = new Terms.SharedInformation(shared.categories(), false, false, shared.purpose(), false, null);
        for (String text : read(render(with(c, c.amount(), terms(t, t.payment(), t.rightsAndObligations(),
                t.confidentialityPeriod(), noPersonal, t.sharingPeriod(), null)))).both()) {
            assertThat(text.replaceAll("\\s+", "")).contains("是否包含个人信息否", "是否已取得个人的单独同意不适用");
        }
        // the boxes left unticked (stored as absent) print 否 too, and so no consent is asked either (outside tester)
        var unticked = new Terms.SharedInformation(shared.categories(), null, null, shared.purpose(), null, null);
        for (String text : read(render(with(c, c.amount(), terms(t, t.payment(), t.rightsAndObligations(),
                t.confidentialityPeriod(), unticked, t.sharingPeriod(), null)))).both()) {
            assertThat(text.replaceAll("\\s+", "")).contains("是否包含个人信息否", "是否包含敏感个人信息否",
                    "是否已取得个人的单独同意不适用").doesNotContain("是否已取得个人的单独同意否");
        }
        // sensitive personal information alone is personal information: the consent question applies
        var sensitive = new Terms.SharedInformation(shared.categories(), null, true, shared.purpose(), null, null);
        for (String text : read(render(with(c, c.amount(), terms(t, t.payment(), t.rightsAndObligations(),
                t.confidentialityPeriod(), sensitive, t.sharingPeriod(), null)))).both()) {
            assertThat(text.replaceAll("\\s+", "")).contains("是否已取得个人的单独同意否");
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
            assertThat(text.replaceAll("\\s+", "")).contains("本协议为双向保密协议", "双方均可能向对方提供保密信息",
                    "双方未另行约定解除条件").doesNotContain("单向", "严重违约");
        }
        // without rights of its own an agreement binds 甲方 to its terms, not to assist 乙方's performance (outside
        // tester: one-sided in a mutual agreement)
        var unstated = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), null, c.startDate(), c.endDate(), false, null, c.status(),
                new ContractTerms(null, null, null, null, null, null, null, null, terms.confidentialInformation(),
                        null, null, null, null, null, null, null, null, null), 1, c.createdAt(), c.createdBy(),
                c.updatedAt());
        for (String text : read(render(unstated)).both()) {
            assertThat(text.replaceAll("\\s+", "")).contains("甲方应按照本协议的约定履行义务")
                    .doesNotContain("提供必要的协助");
        }
        // the other one-way agreement: we disclose, the customer keeps the secret (outside tester: not writable)
        var fromUs = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), null, c.startDate(), c.endDate(), false, null, c.status(),
                new ContractTerms(null, t.rightsAndObligations(), null, null, null, null, null, null,
                        new Terms.ConfidentialInformation(info.categories(), null, null,
                                Terms.NdaDirection.PARTY_B_DISCLOSES), null, null, null, null, null, null, null, null,
                        null), 1, c.createdAt(), c.createdBy(), c.updatedAt());
        for (String text : read(render(fromUs)).both()) {
            assertNumbering(text);
            assertThat(text.replaceAll("\\s+", "")).contains("本协议为单向保密协议：乙方为披露方（“披露方”），甲方为接收方",
                    "是指乙方以任何形式向甲方披露的").doesNotContain("双向", "甲方为披露方");
        }
    }

    @Test
    void an_nda_whose_confidentiality_ends_with_it_does_not_say_it_outlives_a_termination() throws Exception {
        Contract c = SampleContracts.contract(ContractType.CONFIDENTIALITY);
        var ending = with(c, c.amount(), terms(c.terms(), c.terms().payment(), c.terms().rightsAndObligations(),
                new Terms.PeriodAfterTermination(0), null, null, null));
        for (String text : read(render(ending)).both()) {
            assertThat(flat(text)).contains("至本协议终止时止").doesNotContain("保密条款、争议解决条款的效力");
        }
        for (String text : read(render(c)).both()) {
            assertThat(flat(text)).contains("保密条款、争议解决条款的效力");
        }
    }

    /** QY-C005 accepts an open-ended term with a notice period: the document must then state that period. */
    @ParameterizedTest
    @EnumSource(ContractType.class)
    void an_open_ended_contract_prints_its_termination_notice(ContractType type) throws Exception {
        Contract c = SampleContracts.contract(type);
        ContractTerms t = c.terms();
        var open = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), c.startDate(), null, false, null, c.status(),
                new ContractTerms(t.payment(), t.rightsAndObligations(), t.breach(), t.dispute(),
                        new Terms.Termination(List.of(), 30), t.intellectualProperty(), t.confidentialityObligations(),
                        t.service(), t.confidentialInformation(), t.confidentialityPeriod(), t.maintenance(),
                        t.consulting(), t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(),
                        t.personalInformation(), t.signing(), t.notices()),
                c.version(), c.createdAt(), c.createdBy(), SAVED);
        for (String text : read(render(open)).both()) {
            // an indefinite term, said so: "至双方义务履行完毕之日止" made it end and the right to terminate at will
            // (民法典第563条第2款) doubtful (an outside tester)
            assertThat(flat(text)).contains(self(type) + "期限自2027年1月1日起，未约定终止日期，为不定期合同",
                    "任何一方均可以随时解除" + self(type) + "，但应当提前30日书面通知对方").doesNotContain("履行完毕之日止");
            // no end, so no expiry to renew at or not (an outside reader found 本协议期满不自动续期 here)
            assertThat(flat(text)).doesNotContain(self(type) + "期满");
        }
        var openRenewing = new Contract(open.id(), open.number(), open.type(), open.title(), open.customerId(),
                open.customerName(), open.ourEntityId(), open.owner(), open.amount(), open.startDate(), null, true, 30,
                open.status(), open.terms(), open.version(), open.createdAt(), open.createdBy(), SAVED);
        for (String text : read(render(openRenewing)).both()) {
            assertThat(flat(text)).doesNotContain(self(type) + "期满").doesNotContain("自动续期");
        }
        for (String text : read(render(c)).both()) {
            assertThat(flat(text)).doesNotContain("未约定终止日期");
        }
    }

    /**
     * The text is frozen at approval, before anyone knows the signing day: a term whose first days precede the
     * signature must still cover them, or the performance before the contract took effect is outside it (an
     * outside tester). No start date (the term runs from the day the contract takes effect): nothing to say.
     */
    @ParameterizedTest
    @EnumSource(ContractType.class)
    void a_term_that_may_start_before_the_signing_applies_from_its_start(ContractType type) throws Exception {
        Contract c = SampleContracts.contract(type);
        for (String text : read(render(c)).both()) {
            assertThat(flat(text)).contains(self(type) + "签订之日晚于2027年1月1日的，" + self(type)
                    + "的约定自2027年1月1日起适用于双方的履行");
        }
        var fromSigning = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), null, c.endDate(), c.autoRenew(), c.renewalNoticeDays(),
                c.status(), c.terms(), c.version(), c.createdAt(), c.createdBy(), SAVED);
        for (String text : read(render(fromSigning)).both()) {
            assertThat(flat(text)).contains(self(type) + "期限自" + self(type) + "生效之日起").doesNotContain("签订之日晚于");
        }
    }

    /** Outside tester: "不符合上述标准" under no standard, and "每期款项" in a contract without instalments. */
    @Test
    void a_service_contract_without_standards_or_instalments_refers_to_neither() throws Exception {
        Contract c = SampleContracts.contract(ContractType.SERVICE);
        ContractTerms t = c.terms();
        var p = t.payment();
        var bare = with(c, c.amount(), new ContractTerms(new Terms.Payment(p.method(), null, p.deposit(),
                p.noConsideration(), null, p.tax()), t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(),
                t.intellectualProperty(), t.confidentialityObligations(), new Terms.Service(null, "驻场运维", null),
                t.confidentialInformation(), t.confidentialityPeriod(), t.maintenance(), t.consulting(),
                t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(), t.personalInformation(), t.signing(),
                t.notices()));
        for (String text : read(render(bare)).both()) {
            String flat = text.replaceAll("\\s+", "");
            assertThat(flat).contains("乙方提供的服务不符合本合同约定的", "乙方收到款项前应向甲方开具")
                    .doesNotContain("上述标准或质量要求", "每期款项", "该期款项");
        }
        for (String text : read(render(paid(ContractType.SERVICE))).both()) {
            assertThat(text.replaceAll("\\s+", "")).contains("不符合上述标准或质量要求的", "乙方收到每期款项前");
        }
    }

    @Test
    void an_empty_text_prints_no_heading_without_content() throws Exception {
        Contract c = SampleContracts.contract(ContractType.CONSULTING);
        ContractTerms t = c.terms();
        for (String empty : List.of("", "  ")) {
            var consulting = new Terms.Consulting(t.consulting().scope(), empty, t.consulting().methods(),
                    t.consulting().deliverables());
            var blank = with(c, c.amount(), new ContractTerms(t.payment(), t.rightsAndObligations(), t.breach(),
                    t.dispute(), t.termination(), t.intellectualProperty(), t.confidentialityObligations(),
                    t.service(), t.confidentialInformation(), t.confidentialityPeriod(), t.maintenance(), consulting,
                    t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(), t.personalInformation(),
                    t.signing(), t.notices()));
            for (String text : read(render(blank)).both()) {
                assertThat(text).as("quality requirements %s", empty.isEmpty() ? "empty" : "blank")
                        .doesNotContain("质量要求");
            }
        }
    }

    @Test
    void a_place_alone_as_the_commission_prints_as_that_places_commission() throws Exception {
        Contract c = SampleContracts.contract(ContractType.SERVICE);
        ContractTerms t = c.terms();
        for (var named : java.util.Map.of("杭州", "提交杭州的仲裁委员会，按照申请仲裁时该仲裁机构",
                "杭州仲裁委员会", "提交杭州仲裁委员会，按照申请仲裁时该仲裁机构", "SIAC", "提交SIAC，").entrySet()) {
            var arbitration = with(c, c.amount(), new ContractTerms(t.payment(), t.rightsAndObligations(), t.breach(),
                    new Terms.Dispute(Terms.DisputeMethod.ARBITRATION, named.getKey(), null), t.termination(),
                    t.intellectualProperty(), t.confidentialityObligations(), t.service(), t.confidentialInformation(),
                    t.confidentialityPeriod(), t.maintenance(), t.consulting(), t.sharedInformation(),
                    t.sharingMethods(), t.sharingPeriod(), t.personalInformation(), t.signing(), t.notices()));
            String text = flat(read(render(arbitration)).both().getFirst());
            assertThat(text).as(named.getKey()).contains(named.getValue());
        }
    }

    static final Instant SAVED = Instant.parse("2026-12-20T08:30:00Z");

    static Contract with(Contract c, Money amount, ContractTerms t) {
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(), c.ourEntityId(),
                c.owner(), amount, c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), t,
                c.version(), c.createdAt(), c.createdBy(), SAVED);
    }

    static ContractTerms terms(ContractTerms t, Terms.Payment payment, Terms.RightsAndObligations rights,
                               Terms.PeriodAfterTermination confidentialityPeriod, Terms.SharedInformation shared,
                               Terms.PeriodAfterTermination sharingPeriod, Terms.PersonalInformation personal) {
        return new ContractTerms(payment, rights, t.breach(), t.dispute(), t.termination(), t.intellectualProperty(),
                t.confidentialityObligations(), t.service(), t.confidentialInformation(), confidentialityPeriod,
                t.maintenance(), t.consulting(), shared, t.sharingMethods(), sharingPeriod, personal, t.signing(),
                t.notices());
    }

    static Contract withPayment(ContractType type, Terms.Payment payment) {
        Contract c = paid(type);
        ContractTerms t = c.terms();
        return with(c, c.amount(), terms(t, payment, t.rightsAndObligations(), t.confidentialityPeriod(),
                t.sharedInformation(), t.sharingPeriod(), t.personalInformation()));
    }

    /** What the document calls itself. */
    static String self(ContractType type) {
        return type.selfReference();
    }

    static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void docx_tables_have_a_grid_and_every_cell_its_width(ContractType type) throws Exception {
        try (var d = new XWPFDocument(new ByteArrayInputStream(render(paid(type)).docx()))) {
            assertThat(d.getTables()).isNotEmpty();
            for (XWPFTable table : d.getTables()) {
                var grid = table.getCTTbl().getTblGrid();
                assertThat(grid).as("tblGrid").isNotNull();
                int columns = table.getRows().stream().mapToInt(r -> r.getTableCells().size()).max().orElseThrow();
                assertThat(grid.sizeOfGridColArray()).isEqualTo(columns);
                int total = 0;
                for (var col : grid.getGridColList()) {
                    total += ((java.math.BigInteger) col.getW()).intValue();
                }
                // the text width of the A4 page, 11906 less margins of 1247 and 1134 twips
                assertThat(total).isEqualTo(9525);
                for (var row : table.getRows()) {
                    for (int c = 0; c < row.getTableCells().size(); c++) {
                        assertThat(row.getCell(c).getWidth()).as("tcW of column %d", c)
                                .isEqualTo(((java.math.BigInteger) grid.getGridColArray(c).getW()).intValue());
                    }
                }
            }
            // rFonts, then b, then sz: the order of the schema
            String rPr = d.getParagraphs().stream().flatMap(p -> p.getRuns().stream())
                    .filter(r -> r.getCTR().getRPr() != null).findFirst().orElseThrow().getCTR().getRPr().xmlText();
            assertThat(rPr.indexOf("rFonts")).isLessThan(rPr.indexOf("<w:b")).isLessThan(rPr.indexOf("<w:sz"));
        }
    }

    @Test
    void every_download_of_one_version_is_the_same_file() throws Exception {
        Contract sample = paid(ContractType.SERVICE);
        Contract c = with(sample, sample.amount(), sample.terms());
        byte[] pdf = render(c).pdf();
        byte[] docx = render(c).docx();
        // a zip entry's time has a resolution of two seconds
        Thread.sleep(2100);
        assertThat(render(c).pdf()).isEqualTo(pdf);
        assertThat(render(c).docx()).isEqualTo(docx);
        try (var pd = Loader.loadPDF(pdf)) {
            assertThat(pd.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(SAVED);
            assertThat(pd.getDocumentInformation().getModificationDate().toInstant()).isEqualTo(SAVED);
        }
        try (var d = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(d.getProperties().getCoreProperties().getCreated().toInstant()).isEqualTo(SAVED);
            assertThat(d.getProperties().getCoreProperties().getModified().toInstant()).isEqualTo(SAVED);
        }
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void a_person_signs_alone_without_representative_or_seal(ContractType type) throws Exception {
        var person = new Customer("p1", CustomerKind.PERSON, "赵六", null, "110101199001011234",
                "北京市海淀区中关村大街1号", null, null, CustomerLevel.A, CustomerStatus.ACTIVE, "admin", List.of(), false,
                1, Instant.EPOCH, Instant.EPOCH);
        var model = DocumentModels.of(paid(type), person, SampleContracts.ourEntity());
        var doc = RENDERER.render(DefaultTemplates.body(type), model, "t", 1, SAVED);
        for (String text : read(doc).both()) {
            String flat = flat(text);
            assertThat(flat).contains("甲方（签字）：赵六", "乙方（盖章）：上海契约信息技术有限公司", "身份证号码：110101199001011234",
                    "法定代表人不适用（自然人）王五",
                    "自甲方签字、乙方法定代表人或授权代表签字并加盖公章或合同专用章之日起生效");
            assertThat(flat).doesNotContain("甲方（盖章）", "联系人", "双方法定代表人");
            // one seal, 乙方's; one 法定代表人或授权代表 line, 乙方's
            assertThat(flat.split("（盖章处）", -1)).hasSize(2);
            assertThat(flat.split("法定代表人或授权代表（签字）", -1)).hasSize(2);
        }
    }

    @Test
    void a_daily_rate_in_an_agreement_without_a_price_compensates_the_actual_loss() throws Exception {
        // "按逾期履行部分金额的0.1%" in an information-sharing agreement had no sum to apply to (outside tester)
        Contract c = SampleContracts.contract(ContractType.INFO_SHARING);
        ContractTerms t = c.terms();
        var daily = with(c, null, new ContractTerms(t.payment(), t.rightsAndObligations(), new Terms.Breach(
                new Terms.LiquidatedDamages(Terms.DamagesBasis.DAILY_RATE, new BigDecimal("0.1")), null), t.dispute(),
                t.termination(), t.intellectualProperty(), t.confidentialityObligations(), t.service(),
                t.confidentialInformation(), t.confidentialityPeriod(), t.maintenance(), t.consulting(),
                t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(), t.personalInformation(), t.signing(),
                t.notices()));
        for (String text : read(render(daily)).both()) {
            String flat = flat(text);
            assertThat(flat).contains("违约方应赔偿守约方因违约行为所遭受的实际损失").doesNotContain("逾期履行部分金额");
        }
    }

    @Test
    void a_renewal_notice_is_due_before_the_window_not_within_it() throws Exception {
        // "期满前30日内任何一方未书面提出…" read as if a notice counted only in the last 30 days (an outside tester)
        Contract c = SampleContracts.contract(ContractType.SERVICE);
        var renewing = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), c.startDate(), c.endDate(), true, 30, c.status(), c.terms(),
                c.version(), c.createdAt(), c.createdBy(), SAVED);
        for (String text : read(render(renewing)).both()) {
            assertThat(flat(text)).contains("任何一方未在本合同期满30日前书面通知对方不再续约的，本合同期满后自动续期一年")
                    .doesNotContain("期满前30日内");
        }
    }

    /**
     * A clause that renews the contract binds a consumer for another year unless they act in time: a standard term
     * limiting their rights, to be brought to their attention (民法典第496条; outside lawyer-tester). Printed bold
     * with its notice for a natural person, in the PDF and in the DOCX alike; an organisation's stays plain.
     */
    @ParameterizedTest
    @EnumSource(ContractType.class)
    void a_natural_person_is_shown_the_automatic_renewal_in_bold(ContractType type) throws Exception {
        Contract c = paid(type);
        var renewing = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), c.startDate(), c.endDate(), true, 30, c.status(), c.terms(),
                c.version(), c.createdAt(), c.createdBy(), SAVED);
        var person = new Customer("p1", CustomerKind.PERSON, "赵六", null, "110101199001011234",
                "北京市海淀区中关村大街1号", null, null, CustomerLevel.A, CustomerStatus.ACTIVE, "admin", List.of(), false,
                1, Instant.EPOCH, Instant.EPOCH);
        String self = type.selfReference();
        String renewal = "任何一方未在" + self + "期满30日前书面通知对方不再续约的，" + self + "期满后自动续期一年，续期次数不限。";
        String notice = "【特别提示】本自动续期条款与甲方的权利有重大利害关系，乙方已以加粗字体提请甲方特别注意，甲方可以要求乙方予以说明：";
        var toPerson = RENDERER.render(DefaultTemplates.body(type), DocumentModels.of(renewing, person,
                SampleContracts.ourEntity()), "t", 1, SAVED);
        var texts = read(toPerson);
        for (String text : texts.both()) {
            assertThat(flat(text)).contains(notice + renewal);
        }
        assertThat(Emphasis.of(toPerson.pdf(), TextExtraction.PDF)).contains(notice + renewal);
        assertThat(Emphasis.of(toPerson.docx(), TextExtraction.DOCX)).contains(notice + renewal);

        var toCompany = render(renewing);
        for (String text : read(toCompany).both()) {
            assertThat(flat(text)).contains(renewal).doesNotContain("本自动续期条款");
        }
        assertThat(Emphasis.of(toCompany.pdf(), TextExtraction.PDF)).doesNotContain("自动续期");
        assertThat(Emphasis.of(toCompany.docx(), TextExtraction.DOCX)).doesNotContain("自动续期");
    }

    @Test
    void a_service_contract_of_zero_states_its_zero_and_not_a_choice_of_free() throws Exception {
        // 无偿 is the parties' choice (noConsideration); a zero the form was left with is printed as it is, and
        // QY-C004 blocks the contract until a price is entered or 无偿 is chosen
        Contract c = paid(ContractType.SERVICE);
        ContractTerms t = c.terms();
        var unpriced = new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, null, null, null);
        Contract zero = with(c, Money.cny(new BigDecimal("0.00")), terms(t, unpriced, t.rightsAndObligations(),
                t.confidentialityPeriod(), t.sharedInformation(), t.sharingPeriod(), t.personalInformation()));
        for (String text : read(render(zero)).both()) {
            String flat = flat(text);
            assertThat(flat).contains("本合同总金额为¥0.00（大写：人民币零元整）",
                    "违约方应赔偿守约方因违约行为所遭受的实际损失");
            assertThat(flat).doesNotContain("无偿", "总金额10%", "以本合同总金额为限");
        }
        var chosen = new Terms.Payment(null, null, null, true);
        Contract free = with(c, Money.cny(new BigDecimal("0.00")), terms(t, chosen, t.rightsAndObligations(),
                t.confidentialityPeriod(), t.sharedInformation(), t.sharingPeriod(), t.personalInformation()));
        for (String text : read(render(free)).both()) {
            String flat = flat(text);
            assertThat(flat).contains("本合同为无偿合同", "违约方应赔偿守约方因违约行为所遭受的实际损失");
            assertThat(flat).doesNotContain("收款账户", "发票", "支付费用", "结算条款", "¥0.00", "总金额10%",
                    "以本合同总金额为限");
        }
    }

    @Test
    void paid_docx_keeps_the_lead_sentence_with_its_table_and_leaves_room_for_a_seal() throws Exception {
        try (var d = new XWPFDocument(new ByteArrayInputStream(render(paid(ContractType.SERVICE)).docx()))) {
            var lead = d.getParagraphs().stream().filter(p -> p.getText().contains("甲方按下表分期支付")).findFirst()
                    .orElseThrow();
            assertThat(lead.isKeepNext()).isTrue();
            var instalments = d.getTables().stream().filter(t -> t.getRow(0).getCell(0).getText().equals("期次"))
                    .findFirst().orElseThrow();
            // 说明 holds 首期款/质保金 in one line: three characters of 10.5 pt (210 twips) and the cell margins
            assertThat(instalments.getRow(0).getCell(4).getWidth()).isGreaterThanOrEqualTo(3 * 210 + 2 * 115);
            assertThat(instalments.getRow(0).getCell(0).getWidth()).isGreaterThanOrEqualTo(4 * 210);
            var signatures = d.getTables().getLast();
            var seal = signatures.getRows().getLast();
            assertThat(seal.getCell(1).getText()).isEqualTo("（盖章处）");
            assertThat(seal.getHeight()).isGreaterThanOrEqualTo(2268); // 40 mm
        }
    }

    @Test
    void the_sharing_agreement_calls_itself_an_agreement_and_prints_what_it_does_not_do() throws Exception {
        Contract c = paid(ContractType.INFO_SHARING);
        ContractTerms t = c.terms();
        var pi = t.personalInformation();
        var entrusted = new Terms.PersonalInformation(Terms.ProcessingRole.ENTRUSTED, pi.legalBasis(), pi.recipient(),
                pi.processingMethod(), pi.securityMeasures(), pi.pipiaReference(), null, pi.returnOrDeletion());
        Contract sharing = with(c, c.amount(), terms(t, t.payment(), null, t.confidentialityPeriod(),
                t.sharedInformation(), new Terms.PeriodAfterTermination(0), entrusted));
        for (String text : read(render(sharing)).both()) {
            // the sample's own obligation, typed by a user, says 本合同: in an agreement it says 本协议 too
            String flat = flat(text);
            assertThat(flat).contains("用于本协议约定之外");
            assertThat(flat).contains("甲方委托乙方处理共享信息，甲方为委托方（“委托方”），乙方为受托方（“受托方”）",
                    "委托方甲方", "受托方乙方", "受托方名称及联系方式", "出境机制不适用（不向境外提供）",
                    "共享期限本协议有效期内，至本协议终止时止", "本协议总金额10%");
            assertThat(flat).doesNotContain("本合同", "终止后0年", "提供方", "接收方", "接受甲方的监督和评价");
        }
        Contract nda = paid(ContractType.CONFIDENTIALITY);
        Contract ended = with(nda, null, terms(nda.terms(), null, null, new Terms.PeriodAfterTermination(0), null,
                null, null));
        for (String text : read(render(ended)).both()) {
            String flat = flat(text);
            assertThat(flat).contains("保密期限：自本协议生效之日起至本协议终止时止", "订立本协议");
            assertThat(flat).doesNotContain("本合同", "终止后0年", "接受甲方的监督和评价");
        }
    }

    @Test
    void a_document_calls_itself_by_its_titles_word_throughout() throws Exception {
        Contract nda = paid(ContractType.CONFIDENTIALITY);
        Contract titled = new Contract(nda.id(), nda.number(), nda.type(), "技术资料保密合同", nda.customerId(),
                nda.customerName(), nda.ourEntityId(), nda.owner(), nda.amount(), nda.startDate(), nda.endDate(),
                nda.autoRenew(), nda.renewalNoticeDays(), nda.status(), nda.terms(), nda.version(), nda.createdAt(),
                nda.createdBy(), nda.updatedAt());
        for (String text : read(render(titled)).both()) {
            assertThat(flat(text)).contains("技术资料保密合同", "本合同").doesNotContain("本协议");
        }
        Contract service = paid(ContractType.SERVICE);
        Contract agreement = new Contract(service.id(), service.number(), service.type(), "系统运维服务协议（2027年度）",
                service.customerId(), service.customerName(), service.ourEntityId(), service.owner(), service.amount(),
                service.startDate(), service.endDate(), service.autoRenew(), service.renewalNoticeDays(),
                service.status(), service.terms(), service.version(), service.createdAt(), service.createdBy(),
                service.updatedAt());
        for (String text : read(render(agreement)).both()) {
            assertThat(flat(text)).contains("本协议").doesNotContain("本合同");
        }
    }

    @Test
    void tax_exclusive_prices_add_vat_and_wallet_payments_print_no_bank_account() throws Exception {
        var base = paid(ContractType.SERVICE).terms().payment();
        Terms.Payment exclusive = new Terms.Payment(base.method(), base.schedule(), base.deposit(), null,
                base.depositOffsetsInstalment(), new Terms.Tax(false, new BigDecimal("6"), Terms.InvoiceType.VAT_SPECIAL));
        String flat = flat(read(render(withPayment(ContractType.SERVICE, exclusive))).docx());
        assertThat(flat).contains("上述金额为不含税金额，增值税由甲方另行承担", "按6%的增值税税率另行向乙方支付该期款项对应的增值税税额");
        Terms.Payment noRate = new Terms.Payment(base.method(), base.schedule(), base.deposit(), null,
                base.depositOffsetsInstalment(), new Terms.Tax(false, null, null));
        flat = flat(read(render(withPayment(ContractType.SERVICE, noRate))).docx());
        assertThat(flat).contains("按乙方开具发票时依法适用的增值税税率", "合法有效的发票");
        Terms.Payment inclusive = new Terms.Payment(base.method(), base.schedule(), base.deposit(), null,
                base.depositOffsetsInstalment(), new Terms.Tax(true, null, null));
        flat = flat(read(render(withPayment(ContractType.SERVICE, inclusive))).docx());
        assertThat(flat).contains("上述金额为含税金额，已包含乙方依法应缴纳的增值税", "开具等额合法有效的发票")
                .doesNotContain("增值税专用发票", "税率为");
        for (var wallet : List.of(Terms.PaymentMethod.WECHAT_PAY, Terms.PaymentMethod.ALIPAY)) {
            Terms.Payment paid = new Terms.Payment(wallet, base.schedule(), base.deposit(), null,
                    base.depositOffsetsInstalment(), base.tax());
            for (String text : read(render(withPayment(ContractType.SERVICE, paid))).both()) {
                assertThat(flat(text)).doesNotContain("收款账户", "6222021001000000001");
            }
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

    /**
     * The PDF's layout (outside tester): an amount of 12 and 13 integer digits on one line in the payment table, the
     * contact's e-mail address not broken at its dot, and the items table's header kept with a first row too tall for
     * the rest of page 1 rather than left alone at its foot.
     */
    @Test
    void the_pdf_keeps_amounts_and_e_mail_addresses_whole_and_a_table_header_with_its_first_row() throws Exception {
        Contract c = paid(ContractType.SERVICE);
        ContractTerms t = c.terms();
        var p = t.payment();
        var payment = new Terms.Payment(p.method(), List.of(
                new Terms.Instalment(null, null, Money.cny(new BigDecimal("99999999999.99")), "首期款",
                        Terms.PaymentTrigger.ON_SIGNING, 10),
                new Terms.Instalment(null, null, Money.cny(new BigDecimal("9999999999999.99")), "尾款",
                        Terms.PaymentTrigger.ON_SIGNING, 10)), p.deposit(), p.noConsideration(),
                p.depositOffsetsInstalment(), p.tax());
        var service = new Terms.Service(List.of(new Terms.Item("服务器巡检", "每月巡检\n".repeat(34) + "最后一行"),
                new Terms.Item("备份", "每日")), "甲方总部机房", null);
        var terms = new ContractTerms(payment, t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(),
                t.intellectualProperty(), t.confidentialityObligations(), service, null, null, null, null, null, null,
                null, null, t.signing(), t.notices());
        Customer s = SampleContracts.customer();
        var customer = new Customer(s.id(), s.kind(), "杭州示例科技股份有限公司华东区域销售服务分公司", s.creditCode(), null,
                s.address(), s.legalRepresentative(), s.industry(), s.level(), s.status(), s.owner(),
                List.of(new io.qiyue.customer.Contact("c1", "欧阳李四", "采购经理", "13800138000", null,
                        "buyer1@example.com", true)), false, 1, s.createdAt(), s.updatedAt());
        var contract = with(c, Money.cny(new BigDecimal("99999999999.99")), terms);
        var doc = RENDERER.render(DefaultTemplates.body(ContractType.SERVICE),
                DocumentModels.of(contract, customer, SampleContracts.ourEntity()), "t", 1, contract.updatedAt());
        try (var pdf = Loader.loadPDF(doc.pdf())) {
            var stripper = new PDFTextStripper();
            List<String> lines = List.of(stripper.getText(pdf).split("\\R"));
            assertThat(lines).anyMatch(l -> l.contains("¥99,999,999,999.99"))
                    .anyMatch(l -> l.contains("¥9,999,999,999,999.99"))
                    .anyMatch(l -> l.contains("buyer1@example.com"));
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String first = stripper.getText(pdf);
            // the header and its first row on the same page: both on page 1, or neither
            assertThat(first.contains("服务标准")).as(first).isEqualTo(first.contains("每月巡检"));
        }
    }
}

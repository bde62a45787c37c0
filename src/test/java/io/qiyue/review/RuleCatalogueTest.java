package io.qiyue.review;

import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms.*;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static io.qiyue.contract.ContractType.*;
import static io.qiyue.review.Severity.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule with a contract that triggers it (the exact finding) and one that does not. */
class RuleCatalogueTest {
    static final ReviewEngine ENGINE = ValidContractsTest.ENGINE;

    static List<RawFinding> findings(Spec spec, String ruleId) {
        var e = ENGINE.evaluate(spec.subject());
        assertThat(e.errors()).isEmpty();
        return e.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    static String describe(RawFinding f) {
        return f.severity() + " " + f.path() + (f.span() == null ? "" : " [" + f.span().start() + "," + f.span().end() + ")");
    }

    /** The rule reports exactly these findings ("SEVERITY path" or "SEVERITY path [start,end)"). */
    static void expect(ContractType type, Consumer<Spec> change, String ruleId, String... expected) {
        var spec = Spec.valid(type).with(change);
        assertThat(findings(spec, ruleId).stream().map(RuleCatalogueTest::describe).toList())
                .as(ruleId).containsExactly(expected);
    }

    static void none(ContractType type, Consumer<Spec> change, String ruleId) {
        expect(type, change, ruleId);
    }

    static Consumer<Spec> unchanged() {
        return s -> {
        };
    }

    @Test
    void c001Parties() {
        expect(SERVICE, s -> s.customer = party(s.customer, "", "", null), "QY-C001",
                "BLOCKER /customerId", "BLOCKER /customerId", "BLOCKER /customerId");
        expect(SERVICE, s -> s.ourEntity = null, "QY-C001", "BLOCKER /ourEntityId");
        none(SERVICE, s -> s.customer = new ContractParty("c", CustomerKind.PERSON, "张三", null, null, "北京市海淀区",
                CustomerStatus.ACTIVE), "QY-C001");
        none(SERVICE, unchanged(), "QY-C001");
    }

    @Test
    void c002Subject() {
        expect(SERVICE, s -> s.service = new Service(List.of(), "机房", "4小时"), "QY-C002", "BLOCKER /terms/service/items");
        expect(CONFIDENTIALITY, s -> s.confidentialInformation = null, "QY-C002", "BLOCKER /terms/confidentialInformation");
        expect(MAINTENANCE, s -> s.maintenance = null, "QY-C002", "BLOCKER /terms/maintenance/items");
        expect(CONSULTING, s -> s.consulting = null, "QY-C002", "BLOCKER /terms/consulting/scope");
        expect(INFO_SHARING, s -> s.sharedInformation = new SharedInformation(List.of(), true, false, "用于客户服务。",
                false, true), "QY-C002", "BLOCKER /terms/sharedInformation/categories");
        for (ContractType t : ContractType.values()) {
            none(t, unchanged(), "QY-C002");
        }
    }

    @Test
    void c003Quality() {
        expect(SERVICE, s -> s.service = new Service(List.of(new Item("巡检", null)), "机房", null), "QY-C003",
                "WARNING /terms/service/qualityRequirements");
        none(SERVICE, s -> s.service = new Service(List.of(new Item("巡检", "每月一次")), "机房", null), "QY-C003");
        expect(MAINTENANCE, s -> s.maintenance = new Maintenance(List.of(new Item("巡检", "每季度")),
                List.of(MaintenanceMethod.PHONE), 90, null), "QY-C003", "WARNING /terms/maintenance/responseHours");
        expect(CONSULTING, s -> s.consulting = new Consulting("规划咨询。", " ", List.of(ConsultingMethod.VIDEO), null),
                "QY-C003", "WARNING /terms/consulting/qualityRequirements");
        none(CONFIDENTIALITY, unchanged(), "QY-C003");
    }

    @Test
    void c004Price() {
        expect(SERVICE, s -> s.amount = null, "QY-C004", "BLOCKER /amount");
        expect(CONSULTING, s -> s.amount = Spec.cny("0"), "QY-C004", "BLOCKER /amount");
        none(SERVICE, s -> {
            s.amount = null;
            s.noConsideration = true;
            s.schedule = null;
        }, "QY-C004");
        none(INFO_SHARING, unchanged(), "QY-C004");
    }

    @Test
    void c005Term() {
        expect(SERVICE, s -> s.startDate = null, "QY-C005", "BLOCKER /startDate");
        expect(SERVICE, s -> {
            s.endDate = null;
            s.terminationNoticeDays = null;
        }, "QY-C005", "BLOCKER /endDate");
        none(SERVICE, s -> s.endDate = null, "QY-C005"); // indefinite with 30 days' notice
        // a term over before the review (2026-11-20): signed now, it would expire at once
        expect(CONSULTING, s -> {
            s.startDate = LocalDate.of(2026, 1, 1);
            s.endDate = LocalDate.of(2026, 6, 30);
            s.schedule = new ArrayList<>(List.of(new io.qiyue.contract.Terms.Instalment(LocalDate.of(2026, 2, 1), null,
                    Spec.cny("120000.00"), "全款")));
        }, "QY-C005", "WARNING /endDate");
        // one that renews itself does not expire: signed now, the calendar renews it a year at a time past the review
        var renews = findings(Spec.valid(CONSULTING).with(s -> {
            s.startDate = LocalDate.of(2025, 1, 1);
            s.endDate = LocalDate.of(2025, 6, 30);
            s.autoRenew = true;
            s.renewalNoticeDays = 30;
            s.schedule = new ArrayList<>(List.of(new io.qiyue.contract.Terms.Instalment(LocalDate.of(2025, 2, 1), null,
                    Spec.cny("120000.00"), "全款")));
        }), "QY-C005");
        assertThat(renews).singleElement().satisfies(f -> {
            assertThat(f.messageCode()).isEqualTo("review.QY-C005.endedRenews");
            assertThat(f.args()).containsExactly("2025-06-30", "2027-06-30");
        });
        none(CONSULTING, s -> {
            s.startDate = LocalDate.of(2026, 1, 1);
            s.endDate = Spec.REVIEW_DATE;
        }, "QY-C005"); // its last day still to come
        // 9999-12-31 for "open-ended" (outside tester J): a term of thousands of years is taken for a slip
        expect(SERVICE, s -> s.endDate = LocalDate.of(9999, 12, 31), "QY-C005", "WARNING /endDate");
        assertThat(findings(Spec.valid(SERVICE).with(s -> s.endDate = LocalDate.of(9999, 12, 31)), "QY-C005"))
                .singleElement().satisfies(f -> assertThat(f.args()).containsExactly("20", "2027-01-01", "9999-12-31"));
        // the last day counts (outside tester M): twenty years exactly is not over, a day more is
        none(SERVICE, s -> s.endDate = LocalDate.of(2046, 12, 31), "QY-C005");
        expect(SERVICE, s -> s.endDate = LocalDate.of(2047, 1, 1), "QY-C005", "WARNING /endDate");
        expect(MAINTENANCE, s -> s.maintenance = new Maintenance(List.of(new Item("巡检", "每季度")), List.of(), 90, 4),
                "QY-C005", "WARNING /terms/maintenance/methods");
        expect(INFO_SHARING, s -> s.sharingMethods = null, "QY-C005", "WARNING /terms/sharingMethods");
        expect(CONSULTING, s -> s.consulting = new Consulting("规划咨询。", "经甲方验收。", null, null), "QY-C005",
                "WARNING /terms/consulting/methods");
    }

    @Test
    void c006ToC011() {
        expect(SERVICE, s -> {
            s.damages = null;
            s.breachDescription = null;
        }, "QY-C006", "WARNING /terms/breach");
        none(SERVICE, s -> s.damages = null, "QY-C006");
        expect(CONFIDENTIALITY, s -> s.dispute = null, "QY-C007", "WARNING /terms/dispute");
        none(CONFIDENTIALITY, unchanged(), "QY-C007");
        expect(SERVICE, s -> s.terminationConditions = List.of(), "QY-C009", "WARNING /terms/termination/conditions");
        none(SERVICE, unchanged(), "QY-C009");
        expect(CONSULTING, s -> s.ip = null, "QY-C010", "WARNING /terms/intellectualProperty");
        none(INFO_SHARING, s -> s.ip = null, "QY-C010");
        expect(INFO_SHARING, s -> s.confidentialityObligations = null, "QY-C011", "WARNING /terms/confidentialityObligations");
        none(CONFIDENTIALITY, s -> s.confidentialityObligations = List.of("不得泄露。"), "QY-C011");
    }

    @Test
    void c008Schedule() {
        expect(SERVICE, s -> s.schedule = null, "QY-C008", "BLOCKER /terms/payment/schedule");
        // a deposit said to count toward the price, with instalments that already make it up (an outside reader's case)
        expect(SERVICE, s -> s.deposit = Spec.cny("20000.00"), "QY-C008", "WARNING /terms/payment/depositOffsetsInstalment");
        expect(SERVICE, s -> s.schedule.set(1, new Instalment(LocalDate.of(2027, 7, 15), null, Spec.cny("50000"), "二期款")),
                "QY-C008", "BLOCKER /terms/payment/schedule");
        expect(SERVICE, s -> s.schedule.set(1, new Instalment(null, " ", Spec.cny("60000"), "二期款")),
                "QY-C008", "BLOCKER /terms/payment/schedule/1");
        expect(SERVICE, s -> s.schedule.set(0, new Instalment(LocalDate.of(2026, 12, 1), null, Spec.cny("60000"), null)),
                "QY-C008", "BLOCKER /terms/payment/schedule/0/dueDate");
        none(CONSULTING, unchanged(), "QY-C008"); // one instalment on a milestone
        // reviewed (2026-11-20) before signing, an instalment whose day has passed is late once signed: advice
        expect(SERVICE, s -> {
            s.startDate = LocalDate.of(2026, 9, 1);
            s.schedule.set(0, new Instalment(LocalDate.of(2026, 10, 1), null, Spec.cny("60000"), "首期款"));
        }, "QY-C008", "INFO /terms/payment/schedule/0/dueDate");
        // agreements about information are usually free; one with a price is paid by its schedule too
        none(CONFIDENTIALITY, unchanged(), "QY-C008");
        expect(CONFIDENTIALITY, s -> {
            s.amount = Spec.cny("10000.00");
            s.schedule = new java.util.ArrayList<>(List.of(
                    new Instalment(LocalDate.of(2026, 1, 1), null, Spec.cny("3000.00"), null)));
        }, "QY-C008", "BLOCKER /terms/payment/schedule", "BLOCKER /terms/payment/schedule/0/dueDate");
        expect(INFO_SHARING, s -> {
            s.amount = Spec.cny("50000.00");
            s.schedule = new java.util.ArrayList<>(List.of(
                    new Instalment(LocalDate.of(2027, 2, 1), null, Spec.cny("20000.00"), null),
                    new Instalment(LocalDate.of(2027, 6, 1), null, Spec.cny("20000.00"), null)));
        }, "QY-C008", "BLOCKER /terms/payment/schedule");
        none(SERVICE, s -> {
            s.noConsideration = true;
            s.schedule = null;
        }, "QY-C008");
    }

    @Test
    void l007DamagesStatedInTheFieldAndAgainInText() {
        String path = "/terms/breach/description";
        // the valid contract: 10% of 120000.00 in the field, a description without a figure
        none(SERVICE, unchanged(), "QY-L007");
        expect(SERVICE, s -> s.breachDescription = "任何一方违约的，应向守约方支付合同总金额10%的违约金。", "QY-L007",
                "WARNING " + path + " [0,28)");
        expect(SERVICE, s -> s.breachDescription = "逾期付款的，按日支付违约金。违约方应支付相当于合同总价百分之十的违约金。",
                "QY-L007", "WARNING " + path + " [14,36)");
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.05"));
            s.breachDescription = "逾期付款的，每日按应付未付金额的万分之五支付违约金。";
        }, "QY-L007", "WARNING " + path + " [0,26)");
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("5000"));
            s.breachDescription = "违约方应向守约方支付违约金人民币伍仟元整。";
        }, "QY-L007", "WARNING " + path + " [0,21)");
        // another sum, a daily rate beside a share, a cap of the same figure, a figure of something else: not repeated
        none(SERVICE, s -> s.breachDescription = "逾期付款的，每日按应付未付金额的万分之五支付违约金。", "QY-L007");
        none(SERVICE, s -> s.breachDescription = "逾期交付的，每日按合同总金额的10%支付违约金。", "QY-L007");
        none(SERVICE, s -> s.breachDescription = "违约金累计不超过合同总金额的10%。", "QY-L007");
        none(SERVICE, s -> s.breachDescription = "乙方应在10%的服务时间内响应，否则应赔偿实际损失。", "QY-L007");
        // stated otherwise: another share of the price, or a cap below what the field makes due (outside tester J:
        // a customer's proposed clause accepted beside the field's 10%)
        expect(SERVICE, s -> s.breachDescription = "任何一方违约的，违约金以合同总金额的5%为上限。", "QY-L007",
                "WARNING " + path + " [0,24)");
        expect(SERVICE, s -> s.breachDescription = "违约方应支付相当于合同总金额百分之五的违约金。", "QY-L007",
                "WARNING " + path + " [0,23)");
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("20000"));
            s.breachDescription = "违约金累计不超过人民币10000元。";
        }, "QY-L007", "WARNING " + path + " [0,18)");
        // a cap at or above the field, a share of something else, a daily rate beside a share: no contradiction
        none(SERVICE, s -> s.breachDescription = "违约金累计不超过合同总金额的20%。", "QY-L007");
        none(SERVICE, s -> s.breachDescription = "服务可用性低于99.9%的，乙方应支付违约金。", "QY-L007");
        none(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("5000"));
            s.breachDescription = "违约金累计不超过合同总金额的10%。";
        }, "QY-L007");
        // outside tester M: another daily rate of the sum paid late, a share beside a fixed sum; a cap of the unpaid
        // sum is not one of the price
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.05"));
            s.breachDescription = "每逾期一日，按逾期部分金额的0.1%支付违约金。";
        }, "QY-L007", "WARNING " + path + " [0,24)");
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("5000"));
            s.breachDescription = "违约方应按合同总金额的20%支付违约金。";
        }, "QY-L007", "WARNING " + path + " [0,20)");
        none(SERVICE, s -> s.breachDescription = "违约金总额不超过未付款项的5%。", "QY-L007");
        none(SERVICE, s -> s.breachDescription = "每逾期一日，按逾期部分金额的0.05%支付违约金。", "QY-L007");
        var capped = ENGINE.review(Spec.valid(SERVICE).with(s -> s.breachDescription = "违约金以合同总金额的5%为上限。")
                .subject(), Locale.SIMPLIFIED_CHINESE).findings().stream()
                .filter(f -> f.ruleId().equals("QY-L007")).findFirst().orElseThrow();
        assertThat(capped.message()).isEqualTo("“违约金以合同总金额的5%为上限。”：此处的违约金上限低于违约金字段约定的合同总金额10%，"
                + "两处约定相互矛盾");
        var review = ENGINE.review(Spec.valid(SERVICE).with(s -> s.breachDescription = "违约方应支付合同总金额10%的违约金。")
                .subject(), Locale.SIMPLIFIED_CHINESE).findings().stream()
                .filter(f -> f.ruleId().equals("QY-L007")).findFirst().orElseThrow();
        assertThat(review.message()).isEqualTo("“违约方应支付合同总金额10%的违约金。”：按合同总金额10%计算的违约金已在违约金字段中约定，"
                + "此处再次约定，合同中将出现两次，可能被主张为两项违约金累计");
        assertThat(review.suggestion()).startsWith("删除此句");
        assertThat(review.citation().article()).isEqualTo("第585条第1款、第466条第1款");
        var english = ENGINE.review(Spec.valid(SERVICE).with(s -> s.breachDescription = "违约方应支付合同总金额10%的违约金。")
                .subject(), Locale.ENGLISH).findings().stream()
                .filter(f -> f.ruleId().equals("QY-L007")).findFirst().orElseThrow();
        assertThat(english.message()).contains("10% of the contract amount");
        // a free contract prints the actual loss instead of the field's share: the text is the only statement
        none(SERVICE, s -> {
            s.amount = null;
            s.schedule = null;
            s.noConsideration = true;
            s.breachDescription = "违约方应支付合同总金额10%的违约金。";
        }, "QY-L007");
    }

    @Test
    void l006CharactersThePdfCannotDraw() {
        none(SERVICE, unchanged(), "QY-L006");
        // Extension A (䶮) is in the font, Extension B (𡘙) and emoji are not
        expect(SERVICE, s -> s.customer = new io.qiyue.customer.ContractParty("c1",
                        io.qiyue.customer.CustomerKind.PERSON, "刘䶮𡘙", null, null, "北京市朝阳区建国路𠀀号", null),
                "QY-L006", "WARNING /customerId");
        expect(SERVICE, s -> s.customerDuties.set(0, "按时付款😀，并提供场地。"), "QY-L006",
                "WARNING /terms/rightsAndObligations/customer/0");
        none(SERVICE, s -> s.customerDuties.set(0, "刘䶮负责验收（Ext A），Müller 签字。"), "QY-L006");
    }

    @Test
    void c012Nda() {
        expect(CONFIDENTIALITY, s -> s.confidentialityPeriod = null, "QY-C012", "WARNING /terms/confidentialityPeriod");
        expect(CONFIDENTIALITY, s -> s.confidentialityPeriod = new PeriodAfterTermination(0), "QY-C012",
                "WARNING /terms/confidentialityPeriod/yearsAfterTermination");
        expect(CONFIDENTIALITY, s -> s.confidentialInformation = new ConfidentialInformation(
                        List.of(InformationCategory.TECHNICAL), "技术资料", List.of("已为公众所知的信息。")), "QY-C012",
                "WARNING /terms/confidentialInformation/exclusions", "WARNING /terms/confidentialInformation/exclusions",
                "WARNING /terms/confidentialInformation/exclusions");
        none(CONFIDENTIALITY, unchanged(), "QY-C012");
        // the four exclusions in other words and another order
        none(CONFIDENTIALITY, s -> s.confidentialInformation = new ConfidentialInformation(
                List.of(InformationCategory.TECHNICAL), "技术资料", List.of("公知信息。", "合法从第三方获得的信息。",
                        "接收方自行开发的信息。", "依法须向监管机构披露的信息。")), "QY-C012");
    }

    @Test
    void c013AndC014() {
        expect(MAINTENANCE, s -> s.maintenance = new Maintenance(List.of(new Item("巡检", "每季度")),
                List.of(MaintenanceMethod.ONSITE), null, 4), "QY-C013", "WARNING /terms/maintenance/visitIntervalDays");
        none(MAINTENANCE, unchanged(), "QY-C013");
        expect(INFO_SHARING, s -> s.sharingPeriod = null, "QY-C014", "BLOCKER /terms/sharingPeriod");
        expect(INFO_SHARING, s -> {
            s.sharingPeriod = null;
            s.sharedInformation = new SharedInformation(List.of(SharedCategory.OTHER), false, false,
                    "联合营销。", false, null);
            s.personalInformation = null;
        }, "QY-C014", "WARNING /terms/personalInformation/returnOrDeletion", "WARNING /terms/sharingPeriod");
        none(INFO_SHARING, unchanged(), "QY-C014");
        // deletion counted from the contract's end, use for a year after it (an outside tester's contradiction)
        expect(INFO_SHARING, s -> s.personalInformation = new PersonalInformation(ProcessingRole.PROVISION,
                LegalBasis.SEPARATE_CONSENT, s.personalInformation.recipient(), s.personalInformation.processingMethod(),
                s.personalInformation.securityMeasures(), s.personalInformation.pipiaReference(), null,
                "合同终止后30日内删除"), "QY-C014", "WARNING /terms/personalInformation/returnOrDeletion");
        // in English, the unit in English (outside tester: "within 30日 … 1 years")
        var english = ENGINE.review(Spec.valid(INFO_SHARING).with(s -> s.personalInformation = new PersonalInformation(
                ProcessingRole.PROVISION, LegalBasis.SEPARATE_CONSENT, s.personalInformation.recipient(),
                s.personalInformation.processingMethod(), s.personalInformation.securityMeasures(),
                s.personalInformation.pipiaReference(), null, "合同解除后10个工作日内删除")).subject(), Locale.ENGLISH)
                .findings().stream().filter(f -> f.ruleId().equals("QY-C014")).findFirst().orElseThrow();
        assertThat(english.message()).contains("within 10 working days after the contract ends", "year(s)")
                .doesNotContain("日");
        none(INFO_SHARING, s -> {
            s.sharingPeriod = new PeriodAfterTermination(0);
            s.personalInformation = new PersonalInformation(ProcessingRole.PROVISION, LegalBasis.SEPARATE_CONSENT,
                    s.personalInformation.recipient(), s.personalInformation.processingMethod(),
                    s.personalInformation.securityMeasures(), s.personalInformation.pipiaReference(), null,
                    "合同终止后30日内删除");
        }, "QY-C014");
    }

    @Test
    void l001VagueTime() {
        expect(SERVICE, s -> s.provider.set(0, "乙方应及时处理故障。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [3,5)");
        none(SERVICE, s -> s.provider.set(0, "乙方应在2小时内及时处理故障。"), "QY-L001");
        // a right to end the contract at will is no vague time to perform (an outside tester's false positive)
        none(SERVICE, s -> s.provider.set(0, "甲方可随时书面通知解除本合同。"), "QY-L001");
        expect(SERVICE, s -> s.provider.set(0, "乙方应随时响应甲方的服务请求。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [3,5)");
        // the numbering a clause starts with is not a time; a number after it is
        expect(SERVICE, s -> s.provider.set(0, "三、乙方应及时处理故障。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [5,7)");
        expect(SERVICE, s -> s.provider.set(0, "第十二条 乙方应及时处理故障。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [8,10)");
        none(SERVICE, s -> s.provider.set(0, "三、乙方应2日内及时处理。"), "QY-L001");
        // the numerals of ordinary words are not a time limit
        expect(SERVICE, s -> s.provider.set(0, "受影响的一方应及时通知另一方。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [7,9)");
        expect(SERVICE, s -> s.provider.set(0, "双方应及时协商一致解决。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [3,5)");
        expect(SERVICE, s -> s.provider.set(0, "1）乙方应及时响应。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [5,7)");
        none(SERVICE, s -> s.provider.set(0, "任何一方应在一个工作日内及时通知。"), "QY-L001");
        // a number in an earlier part of the sentence is another duty's time; one in a later part may be this one's
        expect(SERVICE, s -> s.provider.set(0, "甲方应在3日内付款，乙方应尽快修复。"), "QY-L001",
                "WARNING /terms/rightsAndObligations/provider/0 [13,15)");
        assertThat(findings(Spec.valid(SERVICE).with(s -> s.provider.set(0,
                "乙方应在30日内交付，交付后甲方应及时组织验收，验收不合格的，乙方应尽快整改。")), "QY-L001")).hasSize(2);
        none(SERVICE, s -> s.provider.set(0, "乙方应及时响应，响应时间不超过30分钟。"), "QY-L001");
        var f = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, "乙方应尽快处理。")), "QY-L001").getFirst();
        assertThat(f.span()).isEqualTo(new Span("/terms/rightsAndObligations/provider/0", 3, 5));
    }

    @Test
    void l002OpenScope() {
        expect(SERVICE, s -> s.service = new Service(List.of(new Item("巡检", "每月一次")), "服务器、网络设备等。", "4小时响应。"),
                "QY-L002", "INFO /terms/service/scope [8,9)");
        expect(SERVICE, s -> s.provider.set(0, "乙方提供若干培训。"), "QY-L002",
                "INFO /terms/rightsAndObligations/provider/0 [4,6)");
        expect(SERVICE, s -> s.provider.set(0, "乙方维护服务器及其他设备。"), "QY-L002",
                "INFO /terms/rightsAndObligations/provider/0 [8,12)");
        none(SERVICE, s -> s.provider.set(0, "双方平等协商，遵守相关法律。"), "QY-L002");
        none(SERVICE, s -> s.breachDescription = "违约方赔偿损失等。", "QY-L002"); // not a scope or obligation clause
        for (String open : List.of("乙方负责完成甲方交办的其他工作。", "乙方负责网络设备及其它设备的维护。",
                "乙方提供服务器、存储、网络等方面的技术支持。", "乙方负责服务器、网络等设备的巡检。")) {
            assertThat(findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, open)), "QY-L002")).as(open).hasSize(1);
        }
        for (String closed : List.of("乙方应协助甲方通过等保测评。", "乙方的服务应符合相关国家标准和行业规范。",
                "乙方应遵守相关的法律法规。", "乙方应遵守《最高人民法院关于审理技术合同纠纷案件适用法律若干问题的解释》。",
                "单价根据工作量在1000元到2000元不等。")) {
            none(SERVICE, s -> s.provider.set(0, closed), "QY-L002");
        }
    }

    @Test
    void l003Amounts() {
        String id = "/terms/payment/schedule/0/description";
        expect(SERVICE, s -> s.schedule.set(0, new Instalment(LocalDate.of(2027, 1, 15), null, Spec.cny("60000"),
                "首期款人民币陆万元（¥60,000.00）")), "QY-L003", "BLOCKER " + id + " [6,9)");
        expect(SERVICE, s -> s.schedule.set(0, new Instalment(LocalDate.of(2027, 1, 15), null, Spec.cny("60000"),
                "首期款人民币陆万元整（¥66,000.00）")), "QY-L003", "BLOCKER " + id + " [6,22)");
        expect(SERVICE, s -> s.schedule.set(0, new Instalment(LocalDate.of(2027, 1, 15), null, Spec.cny("60000"),
                "首期款人民币陆万伍仟元整（¥65,000.00）")), "QY-L003", "BLOCKER " + id + " [6,24)");
        expect(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("10000"));
            s.breachDescription = "违约方应支付违约金人民币壹万零伍佰元整（¥10,500.00）。";
        }, "QY-L003", "BLOCKER /terms/breach/description [12,31)");
        none(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("10500"));
            s.breachDescription = "违约方应支付违约金人民币壹万零伍佰元整（¥10,500.00）。";
        }, "QY-L003");
        none(SERVICE, unchanged(), "QY-L003");
        // the wording QY-V001 suggests for damages without a contract amount passes this rule (outside tester: the
        // suggestion's own example was refused)
        none(SERVICE, s -> s.breachDescription = "违约方应支付违约金人民币伍万元整（¥50,000.00）。", "QY-L003");
        var message = ENGINE.review(Spec.valid(SERVICE).with(s -> s.schedule.set(0, new Instalment(LocalDate.of(2027, 1, 15),
                null, Spec.cny("10.05"), "人民币壹拾元伍分（¥10.05）"))).subject(), Locale.SIMPLIFIED_CHINESE).findings().stream()
                .filter(x -> x.ruleId().equals("QY-L003")).findFirst().orElseThrow();
        assertThat(message.suggestion()).isEqualTo("改为“壹拾元零伍分”");
    }

    @Test
    void l003AmountsAsDraftersWriteThem() {
        String d = "/terms/breach/description";
        // the amount ends at 整: what follows is text, not 分
        none(SERVICE, s -> s.breachDescription = "合同总价为人民币壹拾贰万元整分两期支付。", "QY-L003");
        // figures first, 大写 in brackets (the way our own template writes the price)
        none(SERVICE, s -> s.breachDescription = "服务费为人民币¥90,000.00元（大写：人民币玖万元整）。", "QY-L003");
        expect(SERVICE, s -> s.breachDescription = "服务费为人民币¥95,000.00元（大写：人民币玖万元整）。", "QY-L003",
                "BLOCKER " + d + " [7,29)");
        expect(SERVICE, s -> s.breachDescription = "人民币壹拾贰万元整（小写：¥150,000.00）", "QY-L003",
                "BLOCKER " + d + " [3,25)");
        none(SERVICE, s -> s.breachDescription = "人民币壹拾伍万元整（¥１５０,０００.００）", "QY-L003");
        none(SERVICE, s -> s.breachDescription = "人民币壹拾伍万元整（￥150,000.00元，含税）", "QY-L003");
        for (String agrees : List.of("年服务费为人民币玖万元整（¥90,000.00元/年）", "单价为人民币壹仟贰佰元整（¥1,200.00/人天）",
                "服务费为人民币玖万元整（¥90,000.00 元 含税）", "服务费为人民币玖万元整（¥90,000.00元整）",
                "服务费为人民币壹拾万元整（¥100,000.00元人民币）")) {
            none(SERVICE, s -> s.breachDescription = agrees, "QY-L003");
        }
        assertThat(findings(Spec.valid(SERVICE).with(s -> s.breachDescription = "年服务费为人民币玖万元整（¥95,000.00元/年）"),
                "QY-L003")).hasSize(1);
        expect(SERVICE, s -> s.breachDescription = "违约金为人民币拾万元整（¥200,000.00）。", "QY-L003",
                "BLOCKER " + d + " [7,24)");
        none(SERVICE, s -> s.breachDescription = "违约金为人民币拾万元整（¥100,000.00）。", "QY-L003");
        // a total stated in the text is the contract's amount (120,000 in Spec)
        expect(SERVICE, s -> s.breachDescription = "本合同总价款为人民币壹拾万元整（¥100,000.00）。", "QY-L003",
                "BLOCKER " + d + " [10,28)");
        none(SERVICE, s -> s.breachDescription = "本合同总价款为人民币壹拾贰万元整（¥120,000.00）。", "QY-L003");
        none(SERVICE, s -> s.breachDescription = "合同总价款中首期款为人民币陆万元整（¥60,000.00）。", "QY-L003");
        // beyond what 大写 writes: a finding, not a rule error that would leave the contract unchecked
        expect(SERVICE, s -> s.breachDescription = "赔偿上限为人民币壹亿亿元整（¥10000000000000000.00）。", "QY-L003",
                "BLOCKER " + d + " [8,13)");
    }

    @Test
    void l004Dates() {
        expect(SERVICE, s -> s.endDate = LocalDate.of(2026, 12, 1), "QY-L004", "BLOCKER /endDate",
                "BLOCKER /terms/rightsAndObligations/provider/1 [18,29)");
        expect(SERVICE, s -> s.startDate = LocalDate.of(2027, 2, 1), "QY-L004",
                "BLOCKER /terms/rightsAndObligations/provider/1 [7,16)");
        expect(SERVICE, s -> s.provider.set(1, "乙方于2027年2月30日交付。"), "QY-L004",
                "BLOCKER /terms/rightsAndObligations/provider/1 [3,13)");
        none(SERVICE, unchanged(), "QY-L004");
        // signed after the term has ended (the SERVICE sample ends 2027-12-31)
        expect(SERVICE, s -> s.signing = new Signing(LocalDate.of(2028, 1, 5), null), "QY-L004",
                "BLOCKER /terms/signing/date");
        none(SERVICE, s -> s.signing = new Signing(LocalDate.of(2027, 12, 31), null), "QY-L004");
        // a signing date already past when the contract is still to be signed (reviewed on 2026-11-20)
        expect(SERVICE, s -> s.signing = new Signing(LocalDate.of(2026, 11, 19), null), "QY-L004",
                "WARNING /terms/signing/date");
        none(SERVICE, s -> s.signing = new Signing(LocalDate.of(2026, 11, 20), null), "QY-L004");
        // a period of performance outside the term (outside tester: services from June of the year before)
        expect(SERVICE, s -> s.provider.set(1, "乙方应自2026年6月1日起至2026年12月31日止提供服务。"), "QY-L004",
                "WARNING /terms/rightsAndObligations/provider/1 [4,26)");
        expect(SERVICE, s -> s.provider.set(1, "乙方应于2027年3月1日至2028年2月29日完成系统实施。"), "QY-L004",
                "WARNING /terms/rightsAndObligations/provider/1 [4,24)");
        for (String fine : List.of("乙方应自2027年2月1日起至2027年6月30日止提供现场支持。",
                "质保期自2028年1月1日起至2028年12月31日止，乙方提供免费维修。")) {
            none(SERVICE, s -> s.provider.set(1, fine), "QY-L004");
        }
    }

    @Test
    void l005PartyNames() {
        expect(SERVICE, s -> s.customerDuties.set(0, "杭州示范科技有限公司应按约定支付费用。"), "QY-L005",
                "WARNING /terms/rightsAndObligations/customer/0 [0,10)");
        none(SERVICE, s -> s.customerDuties.set(0, "乙方可委托阿里云计算有限公司提供主机。"), "QY-L005");
        // 有限 dropped: "…公司" is an organisation name too; 关联公司 and 子公司 are not names
        expect(SERVICE, s -> s.customerDuties.set(0, "杭州示例科技公司应按约定支付费用。"), "QY-L005",
                "WARNING /terms/rightsAndObligations/customer/0 [0,8)");
        none(SERVICE, s -> s.customerDuties.set(0, "乙方可委托其关联公司或子公司提供服务。"), "QY-L005");
        none(SERVICE, unchanged(), "QY-L005");
    }

    @Test
    void l004OnlyTheTermIsComparedInTheWaysItIsWritten() {
        String p = "/terms/rightsAndObligations/provider/1";
        // dates of a phase, a delivery or a period after the term are not the contract's term (2027-01-01 … 2027-12-31)
        for (String other : List.of("第一阶段：自2027年1月1日起至2027年3月31日止，完成需求调研。",
                "截至2027年6月30日，乙方应完成系统上线。",
                "本合同终止后，乙方的保密义务持续至2030年12月31日止。", "本合同约定的优惠价格有效期至2027年6月30日。",
                "乙方提供的软件许可有效期至2030年12月31日，不受本合同终止影响。", "本合同项下的质保期至2028年8月23日届满。",
                "本合同所称个人信息，依照自2021年11月1日起施行的《个人信息保护法》的规定认定。",
                "自2027年3月1日起，本合同项下的服务单价上调5%。", "本合同第二期服务自2027年3月1日开始。",
                "本合同期满后如续签，新合同自2028年1月1日起计算。")) {
            none(SERVICE, s -> s.provider.set(1, other), "QY-L004");
        }
        expect(SERVICE, s -> s.provider.set(1, "本合同期限：2027年2月1日至2027年12月31日。"), "QY-L004",
                "BLOCKER " + p + " [6,15)");
        expect(SERVICE, s -> s.provider.set(1, "本合同自二〇二七年一月一日起至二〇二七年十二月三十日止。"), "QY-L004",
                "BLOCKER " + p + " [15,26)");
        expect(SERVICE, s -> s.provider.set(1, "本合同有效期自２０２７年２月１日起。"), "QY-L004", "BLOCKER " + p + " [7,16)");
        expect(SERVICE, s -> s.provider.set(1, "服务期限自2027.01.01起至2027.11.30止。"), "QY-L004", "BLOCKER " + p + " [17,27)");
        none(SERVICE, s -> s.provider.set(1, "服务期限自2027/1/1起至2027/12/31止。"), "QY-L004");
        none(SERVICE, s -> s.provider.set(1, "本合同自二〇二七年一月一日起至二〇二七年十二月三十一日止。"), "QY-L004");
        expect(SERVICE, s -> s.provider.set(1, "本合同有效期为2027年2月1日—2027年11月30日，期满前30日双方可协商续约。"),
                "QY-L004", "BLOCKER " + p + " [7,16)", "BLOCKER " + p + " [17,28)");
        expect(SERVICE, s -> s.provider.set(1, "本合同自2027年2月1日起生效，至2027年12月31日止，甲方应按季度付款。"),
                "QY-L004", "BLOCKER " + p + " [4,13)");
        // the end alone after the naming of the term (an outside reader's case)
        expect(SERVICE, s -> s.provider.set(1, "本合同有效期至2028年6月30日止。"), "QY-L004", "BLOCKER " + p + " [7,17)");
        none(SERVICE, s -> s.provider.set(1, "本合同有效期至2027年12月31日止。"), "QY-L004");
        // a date that does not exist is reported wherever it is written; 99999999999年 is not the year 9999
        expect(SERVICE, s -> s.provider.set(1, "第一阶段于2027年2月30日完成。"), "QY-L004", "BLOCKER " + p + " [5,15)");
        none(SERVICE, s -> s.provider.set(1, "本合同至99999999999年1月1日止。"), "QY-L004");
    }

    @Test
    void v001Damages() {
        expect(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("31")),
                "QY-V001", "WARNING /terms/breach/liquidatedDamages");
        expect(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("40000")),
                "QY-V001", "WARNING /terms/breach/liquidatedDamages");
        expect(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.1")),
                "QY-V001", "WARNING /terms/breach/liquidatedDamages"); // 365 days × 0.1% = 36.5%
        none(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("30")), "QY-V001");
        none(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.05")), "QY-V001");
        // per day of the late part, in an agreement without a price: no sum to be late with, and no amount to measure
        // the total against (an outside tester read "合同金额的73.1%" of an information-sharing agreement)
        var daily = findings(Spec.valid(INFO_SHARING).with(s -> {
            s.amount = null;
            s.damages = new LiquidatedDamages(DamagesBasis.DAILY_RATE, new BigDecimal("0.1"));
        }), "QY-V001");
        assertThat(daily).singleElement().satisfies(f -> assertThat(f.messageCode()).isEqualTo("review.QY-V001.dailyFree"));
        // a share of a price the contract has not (an outside tester: 合同总额10% in a free agreement)
        expect(CONFIDENTIALITY, s -> s.breachDescription = "任一方违约的，应向守约方支付合同总额10%的违约金。",
                "QY-V001", "WARNING /terms/breach/description [18,21)");
        none(CONFIDENTIALITY, s -> s.breachDescription = "任一方违约的，应向守约方支付违约金人民币五万元。", "QY-V001");
        // compared exactly, and said with the decimals that make "above 30%" true (the SERVICE amount is 120,000)
        assertThat(args(s -> s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("36000.01"))))
                .containsExactly("30.000008", "30");
        none(SERVICE, s -> s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("36000.00")), "QY-V001");
        assertThat(args(s -> s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("36005"))))
                .containsExactly("30.0042", "30");
        assertThat(args(s -> s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("30.004"))))
                .containsExactly("30.004", "30");
        var lower = new ReviewEngine(Ruleset.standard().withSettings(1,
                java.util.Map.of(new SettingKey("QY-V001", "thresholdPercent"), new BigDecimal("5"))),
                ReviewEngine.defaultMessages());
        assertThat(lower.evaluate(Spec.valid(SERVICE).subject()).findings()).extracting(RawFinding::ruleId)
                .containsExactly("QY-V001");
    }

    @Test
    void v002Deposit() {
        expect(SERVICE, s -> s.deposit = Spec.cny("30000"), "QY-V002", "WARNING /terms/payment/deposit");
        assertThat(findings(Spec.valid(SERVICE).with(s -> s.deposit = Spec.cny("30000")), "QY-V002").getFirst().args())
                .containsExactly("30000.00", "24000.00", "6000.00", "20");
        none(SERVICE, s -> s.deposit = Spec.cny("24000"), "QY-V002");
        // 20% of 120,000.03 is 24,000.006: 24,000.01 is above it
        assertThat(findings(Spec.valid(SERVICE).with(s -> {
            s.amount = Spec.cny("120000.03");
            s.deposit = Spec.cny("24000.01");
        }), "QY-V002").getFirst().args()).containsExactly("24000.01", "24000.00", "0.01", "20");
        // a deposit in an agreement without a price (an outside tester's mutual NDA): nothing to credit it against
        var noPrice = findings(Spec.valid(CONFIDENTIALITY).with(s -> {
            s.amount = null;
            s.deposit = Spec.cny("10000");
        }), "QY-V002");
        assertThat(noPrice).singleElement().satisfies(f -> {
            assertThat(f.messageCode()).isEqualTo("review.QY-V002.noAmount");
            assertThat(f.args()).containsExactly("10000.00");
        });
        // a deposit of nothing still brings the payment clause into the document (outside tester)
        assertThat(findings(Spec.valid(CONFIDENTIALITY).with(s -> {
            s.amount = null;
            s.deposit = Spec.cny("0.00");
        }), "QY-V002")).singleElement().satisfies(f -> assertThat(f.messageCode()).isEqualTo("review.QY-V002.noAmount"));
        none(SERVICE, s -> s.deposit = Spec.cny("0.00"), "QY-V002");
    }

    private static List<String> args(Consumer<Spec> change) {
        return findings(Spec.valid(SERVICE).with(change), "QY-V001").getFirst().args();
    }

    @Test
    void v003ToV005Texts() {
        expect(SERVICE, s -> s.breachDescription = "违约方应支付违约金，且不退还定金。", "QY-V003",
                "WARNING /terms/breach/description [6,16)");
        none(SERVICE, s -> s.breachDescription = "守约方可选择适用违约金或定金条款。", "QY-V003");
        none(SERVICE, s -> s.breachDescription = "定金与违约金不得同时适用，守约方可选择适用其一。", "QY-V003");
        for (String text : List.of("定金和违约金并不能同时适用，守约方可择一主张。", "定金与违约金并不同时适用。", "定金和违约金并非同时适用。")) {
            none(SERVICE, s -> s.breachDescription = text, "QY-V003");
        }
        expect(SERVICE, s -> s.breachDescription = "违约金与定金可以并处。", "QY-V003",
                "WARNING /terms/breach/description [0,10)");
        for (String both : List.of("乙方违约的，除应双倍返还定金外，还应按合同总价的20%向甲方支付违约金。",
                "违约方应向守约方支付违约金，并双倍返还定金。", "甲方违约的，无权要求返还定金，且应另行支付违约金。")) {
            assertThat(findings(Spec.valid(SERVICE).with(s -> s.breachDescription = both), "QY-V003")).as(both).hasSize(1);
        }
        // the verb before both, or a named 定金罚则/条款 (outside lawyer's reading: 并处 went unnoticed)
        for (String both : List.of("守约方有权对违约方并处定金和违约金。", "守约方可同时适用定金与违约金条款。",
                "定金罚则与违约金并处。", "定金条款与违约金条款同时适用。",
                // the other order, and 除…外 (an outside tester: 并处 after 定金罚则 went unnoticed)
                "一方违约的，除支付违约金外，定金罚则并处适用。", "违约方除支付违约金外，还应承担定金罚则。",
                // 同时适用 before one and the other after a verb (outside tester)
                "乙方违约的，甲方有权同时适用定金罚则并要求乙方支付违约金。", "守约方可一并主张违约金及定金。")) {
            assertThat(findings(Spec.valid(SERVICE).with(s -> s.breachDescription = both), "QY-V003")).as(both).hasSize(1);
        }
        for (String one : List.of("守约方不得同时适用定金和违约金。", "守约方不能并处定金与违约金。",
                "定金罚则与违约金不同时适用。", "守约方可同时适用定金与违约金条款中的一项，由其选择。",
                "除定金外，守约方不得另行主张违约金。", "违约金不足以弥补损失的，可另行主张赔偿；定金不另计。",
                "甲方不得同时适用定金罚则并要求乙方支付违约金。")) {
            none(SERVICE, s -> s.breachDescription = one, "QY-V003");
        }
        expect(SERVICE, s -> s.provider.set(0, "服务过程中发生人身伤害的，乙方不承担责任。"), "QY-V004",
                "BLOCKER /terms/rightsAndObligations/provider/0 [7,20)");
        expect(SERVICE, s -> s.provider.set(0, "对任何损失乙方概不负责。"), "QY-V004",
                "BLOCKER /terms/rightsAndObligations/provider/0 [7,11)");
        none(SERVICE, s -> s.provider.set(0, "非因乙方故意或重大过失造成的损失，乙方不承担责任。"), "QY-V004");
        expect(SERVICE, s -> s.provider.set(0, "甲方免除乙方对人身伤害的赔偿责任。"), "QY-V004",
                "BLOCKER /terms/rightsAndObligations/provider/0 [2,11)");
        none(SERVICE, s -> s.provider.set(0, "乙方不得免除其对人身伤害的赔偿责任。"), "QY-V004");
        expect(SERVICE, s -> s.breachDescription = "乙方的赔偿总额最高不超过合同金额。", "QY-V005",
                "WARNING /terms/breach/description [3,12)");
        none(SERVICE, s -> s.breachDescription = "【特别提示】乙方的赔偿总额最高不超过合同金额。", "QY-V005");
        expect(SERVICE, s -> s.breachDescription = "甲方延迟付款的，乙方免除其交付延误的责任。", "QY-V005",
                "WARNING /terms/breach/description [10,20)");
        // a prohibition of exemption protects the customer; it is not an exemption clause
        none(SERVICE, s -> s.breachDescription = "甲方的验收不免除乙方的质量保证责任。", "QY-V005");
        none(SERVICE, s -> s.breachDescription = "乙方不得免除其分包商的违约责任。", "QY-V005");
        none(SERVICE, s -> s.breachDescription = "甲方的书面确认并不因此免除乙方的赔偿责任。", "QY-V005");
        for (String keeps : List.of("乙方的责任不因甲方的验收而免除。", "甲方的验收不能视为免除乙方的质量保证责任。",
                "甲方的验收不意味着免除乙方的保证责任。", "不得以甲方已验收为由免除乙方的保证责任。",
                "任何一方均不因本合同的解除而免除其已产生的违约责任。", "通知应以书面形式为限。",
                "双方应当按照本合同约定全面履行义务，不得以任何理由免除自身责任。")) {
            none(SERVICE, s -> s.breachDescription = keeps, "QY-V005");
        }
        for (String limits : List.of("乙方对间接损失不承担赔偿责任。", "乙方承担的违约责任总额不超过合同总价的10%。",
                "乙方的赔偿范围仅限于直接损失。", "乙方的赔偿以甲方已支付的服务费为限。")) {
            assertThat(findings(Spec.valid(SERVICE).with(s -> s.breachDescription = limits), "QY-V005")).as(limits)
                    .hasSize(1);
        }
    }

    @Test
    void v004ExemptionsAsDraftersWriteThem() {
        String p = "/terms/rightsAndObligations/provider/0";
        for (String voidExemption : List.of("乙方不对服务过程中发生的任何人身伤害或财产损失承担责任。",
                "甲方人员在乙方机房内发生人身伤害的，乙方无需承担任何赔偿责任。",
                "即使因乙方故意或重大过失导致甲方数据丢失，乙方亦无需承担赔偿责任。",
                "乙方人员在服务期间发生的伤亡事故，甲方不承担责任。",
                "因甲方重大过失导致乙方设备损坏的，甲方不予赔偿。",
                "除因乙方故意或重大过失造成的损失外，乙方对人身伤害不承担责任。")) {
            assertThat(findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, voidExemption)), "QY-V004"))
                    .as(voidExemption).hasSize(1);
        }
        // lawful exemptions, and sentences that keep the liability
        for (String lawful : List.of("因不可抗力造成的损失，双方均不承担任何责任。",
                "除因乙方故意或重大过失造成的损失外，乙方对间接损失不承担赔偿责任。",
                "乙方对第三方软件的缺陷不承担责任，但因乙方故意或者重大过失造成的除外。",
                "因乙方原因造成甲方人员人身伤害的，乙方应承担全部赔偿责任，不得以任何理由免除。",
                "乙方的赔偿责任不因本合同任何条款而免除。",
                "人身伤害的赔偿责任，不因本合同的任何约定而免除。",
                "乙方不得以任何理由主张其不承担任何责任。",
                "乙方对间接损失不承担责任，但因乙方原因造成人身伤害的除外。",
                "乙方对甲方的损失不承担责任，但人身伤亡及因故意或重大过失造成的财产损失除外。",
                "乙方应对其派驻人员的人身伤害承担全部责任，甲方对乙方自带设备的损坏不承担责任。",
                "乙方对因其故意或重大过失造成的损失承担赔偿责任，其他情形下乙方不承担间接损失。",
                "甲方的审查和验收不减轻或免除乙方对人身伤害应承担的责任。",
                "甲方的确认不应被视为免除乙方对人身伤亡的责任。",
                "乙方不得以任何理由对人身伤害不予赔偿。",
                "无论如何，乙方均不能对其造成的人员伤亡免责。",
                "甲方不因本条约定而对人身伤害免责。",
                "因一方故意或重大过失造成对方财产损失的，不适用本条的免责约定。",
                "双方确认，造成对方人身损害的免责条款无效。")) {
            none(SERVICE, s -> s.provider.set(0, lawful), "QY-V004");
        }
        // the span ends with the whole exempting words, and the fix turns just those words around
        expect(SERVICE, s -> s.provider.set(0, "乙方对人身伤害概不负责，但对其他损失负责。"), "QY-V004",
                "BLOCKER " + p + " [3,11)");
        assertThat(fixed("乙方对人身伤害概不负责，但对其他损失负责。")).hasValue("乙方对人身伤害依法承担责任，但对其他损失负责。");
        assertThat(fixed("因乙方重大过失造成甲方财产损失的，乙方不承担任何责任。其他情形按法律规定处理。"))
                .hasValue("因乙方重大过失造成甲方财产损失的，乙方依法承担责任。其他情形按法律规定处理。");
        assertThat(fixed("服务过程中发生人身伤害的，乙方不承担赔偿责任。")).hasValue("服务过程中发生人身伤害的，乙方依法承担赔偿责任。");
        assertThat(fixed("甲方免除乙方对人身伤害的赔偿责任。")).as("needs rewording by hand").isEmpty();
        assertThat(fixed("乙方人员的人身伤害属于甲方免责范围。")).as("needs rewording by hand").isEmpty();
        assertThat(fixed("甲方对乙方人员的人身伤害不承担责任也不予赔偿。")).hasValue("甲方对乙方人员的人身伤害依法承担责任也依法赔偿。");
        assertThat(fixed("服务中发生人身伤害的，乙方不承担任何赔偿责任。")).hasValue("服务中发生人身伤害的，乙方依法承担赔偿责任。");
    }

    @Test
    void l001FixesKeepRightsAndReadWell() {
        var anyTime = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, "甲方有权随时检查乙方的服务记录。")), "QY-L001");
        assertThat(Fixes.applicable(anyTime.getFirst())).as("随时 grants a right; a deadline would take it away").isFalse();
        String text = "乙方应在收到通知后及时处理。";
        var vague = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, text)), "QY-L001").getFirst();
        assertThat(Fixes.apply(vague, text)).hasValue("乙方应在收到通知后3个工作日内处理。");
        // a period without the event it runs from would move the problem, not fix it
        String noTrigger = "乙方应及时组织验收。";
        var acceptance = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, noTrigger)), "QY-L001").getFirst();
        assertThat(Fixes.apply(acceptance, noTrigger)).hasValue("乙方应在收到对方书面通知后3个工作日内组织验收。");
        String reasonable = "甲方应在合理期限内提出书面异议。";
        var objection = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, reasonable)), "QY-L001").getFirst();
        assertThat(Fixes.apply(objection, reasonable)).hasValue("甲方应在收到对方书面通知后3个工作日内提出书面异议。");
    }

    /** Clauses a well-drafted contract has, which no rule may call wrong (found by black-box testing). */
    @Test
    void wellDraftedClausesRaiseNothing() {
        for (String clause : List.of("因甲方原因（包括甲方的故意或重大过失）导致的损失，乙方不承担责任。",
                "甲方因故意或重大过失导致乙方无法履约的，乙方不承担违约责任，履行期限相应顺延。",
                "因第三方故意攻击导致的损失，乙方不承担责任，但乙方应协助甲方恢复系统。",
                "本合同任何条款均不构成对任何一方因故意或重大过失造成的财产损失或人身伤害责任的免除。",
                "如损失不是由乙方故意或重大过失造成的，乙方不承担赔偿责任。",
                "对于第三方软件缺陷造成的损失，乙方不承担任何责任，除非该损失系因乙方的故意或重大过失所致。",
                "因不可抗力导致人员伤亡或财产损失的，双方均不承担违约责任。",
                "因黑客攻击、电信部门技术调整等乙方无法控制的原因导致服务中断的，乙方不承担任何责任。",
                "因甲方提供的数据本身存在错误导致的后果，乙方不承担任何责任。",
                "双方确认，本合同首部载明的地址适用于争议解决的仲裁或者诉讼阶段的文书送达。",
                "发生争议需要仲裁或诉讼时，双方同意以本合同首部载明的地址为送达地址。",
                "为解决争议而发生的仲裁或诉讼支出，包括律师费、公证费、鉴定费，由败诉方承担。",
                "本条约定在本合同解除或终止后仍然有效，包括在争议提交仲裁或诉讼解决的过程中。",
                "因本合同争议进入仲裁或者诉讼的，双方应配合提供所需的证据材料。",
                "如双方续签，续签后的服务期限自2028年1月1日至2028年12月31日。",
                "乙方驻场服务期自2027年5月1日至2027年10月31日，其余期间提供远程服务。",
                "乙方提供的免费维保服务期限自2027年1月1日至2028年6月30日。",
                "本合同总价款为人民币壹拾贰万元整（12万元）。",
                "定金与违约金并存的，守约方只能选择其中一项主张。",
                "违约金与定金同时约定的，一方违约时，对方可以选择适用违约金或者定金条款。",
                "乙方应在收到甲方书面通知后尽快（最迟不超过两个工作日）完成整改。",
                "乙方应在接到故障报告后及时响应，响应时间不超过30分钟。",
                "因不可抗力不能履行合同的，根据不可抗力的影响，部分或者全部免除责任，但法律另有规定的除外。")) {
            var e = ENGINE.evaluate(Spec.valid(SERVICE).with(s -> s.provider.set(0, clause)).subject());
            assertThat(e.findings().stream().filter(f -> f.path().equals("/terms/rightsAndObligations/provider/0"))
                    .map(f -> f.ruleId() + " " + f.severity()).toList()).as(clause).isEmpty();
        }
        none(SERVICE, s -> {
            s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("18000"));
            s.breachDescription = "乙方未按约定时间响应的，每逾期一小时，应向甲方支付违约金人民币伍佰元整（¥500.00）。";
        }, "QY-L003");
        for (String defect : List.of("争议可提交上海国际经济贸易仲裁委员会仲裁，亦可提交法院裁决。",
                "乙方人员受伤或死亡的，甲方不负任何责任。",
                "乙方因重大过失造成甲方数据丢失的，仅退还当月服务费，不再承担其他赔偿责任。",
                "即使乙方存在故意或重大过失，乙方的赔偿责任亦不超过本合同总价款。",
                "一方违约的，应双倍返还定金，并支付违约金。", "定金罚则与违约金条款同时适用。",
                "任何一方均不对对方的间接损失或利润损失承担责任。")) {
            var e = ENGINE.evaluate(Spec.valid(SERVICE).with(s -> s.provider.set(0, defect)).subject());
            assertThat(e.findings().stream().filter(f -> f.path().equals("/terms/rightsAndObligations/provider/0")))
                    .as(defect).isNotEmpty();
        }
    }

    /** The text after applying the QY-V004 finding's fix, empty when it offers none. */
    private static java.util.Optional<String> fixed(String clause) {
        var finding = findings(Spec.valid(SERVICE).with(s -> s.provider.set(0, clause)), "QY-V004").getFirst();
        return Fixes.apply(finding, clause);
    }

    @Test
    void v006Commission() {
        String path = "/terms/dispute/arbitrationCommission";
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, null, null), "QY-V006", "BLOCKER " + path);
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "杭州仲裁", null), "QY-V006", "INFO " + path);
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海的仲裁机构", null), "QY-V006",
                "BLOCKER " + path);
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "火星仲裁委员会", null), "QY-V006", "INFO " + path);
        none(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海国际仲裁中心", null), "QY-V006");
        // X市仲裁委员会 names the city's own commission inaccurately; it is not ambiguous
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "北京市仲裁委员会", null), "QY-V006", "INFO " + path);
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海市仲裁委员会", null), "QY-V006", "INFO " + path);
        none(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "中国国际经济贸易仲裁委员会", null), "QY-V006");
    }

    @Test
    void v006APlaceWhereNoCommissionIsKnownChoosesNone() {
        String path = "/terms/dispute/arbitrationCommission";
        for (String place : List.of("浙江省", "余杭区", "义乌市")) {
            expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.NEGOTIATION_THEN_ARBITRATION, place, null),
                    "QY-V006", "BLOCKER " + path);
        }
        var zhejiang = findings(Spec.valid(SERVICE).with(s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "浙江省",
                null)), "QY-V006").getFirst();
        assertThat(zhejiang.messageCode()).isEqualTo("review.QY-V006.placeOnly");
        assertThat(zhejiang.citation().summary()).contains("只写地名");
        // a place with exactly one commission counts as that one (仲裁法解释第6条), several are ambiguous
        var hangzhou = findings(Spec.valid(SERVICE).with(s ->
                s.dispute = new Dispute(DisputeMethod.ARBITRATION, "杭州", null)), "QY-V006").getFirst();
        assertThat(hangzhou.severity()).isEqualTo(Severity.INFO);
        assertThat(hangzhou.args()).contains("杭州仲裁委员会");
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海", null), "QY-V006",
                "BLOCKER " + path);
        // an institution the list does not know stays advice
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "SIAC", null), "QY-V006", "INFO " + path);
    }

    @Test
    void v006CitesTheArbitrationLawInForceOnTheSigningDate() {
        var before = findings(Spec.valid(SERVICE).with(s -> {
            s.startDate = LocalDate.of(2026, 2, 28);
            s.dispute = new Dispute(DisputeMethod.ARBITRATION, null, null);
        }), "QY-V006").getFirst();
        assertThat(before.citation().article()).isEqualTo("第16条、第18条");
        var after = findings(Spec.valid(SERVICE).with(s -> {
            s.startDate = LocalDate.of(2026, 3, 1);
            s.dispute = new Dispute(DisputeMethod.ARBITRATION, null, null);
        }), "QY-V006").getFirst();
        assertThat(after.citation().article()).isEqualTo("第27条、第29条");
        // no start date: the review date (2026-11-20) stands in for the signing date
        var proxy = findings(Spec.valid(SERVICE).with(s -> {
            s.startDate = null;
            s.dispute = new Dispute(DisputeMethod.ARBITRATION, null, null);
        }), "QY-V006").getFirst();
        assertThat(proxy.citation().article()).isEqualTo("第27条、第29条");
    }

    @Test
    void v007ToV009Dispute() {
        // only the chosen forum is printed: the other field is advice, not 或裁或诉
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海仲裁委员会", "上海市浦东新区人民法院"),
                "QY-V007", "INFO /terms/dispute/court");
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, "上海仲裁委员会", "上海市浦东新区人民法院"),
                "QY-V007", "INFO /terms/dispute/arbitrationCommission");
        // the chosen forum's own field names both, and is printed so
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "北京市海淀区人民法院或上海国际仲裁中心"),
                "QY-V007", "BLOCKER /terms/dispute/court");
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.NEGOTIATION_THEN_ARBITRATION,
                "上海仲裁委员会或上海市浦东新区人民法院", null), "QY-V007", "BLOCKER /terms/dispute/arbitrationCommission");
        expect(SERVICE, s -> s.breachDescription = "争议提交上海仲裁委员会仲裁或向人民法院起诉。", "QY-V007",
                "BLOCKER /terms/breach/description [6,21)");
        expect(SERVICE, s -> s.breachDescription = "争议可提交杭州仲裁委员会仲裁，也可向甲方所在地人民法院起诉。", "QY-V007",
                "BLOCKER /terms/breach/description [7,29)");
        expect(SERVICE, s -> s.breachDescription = "双方可向人民法院起诉，亦可申请仲裁。", "QY-V007",
                "BLOCKER /terms/breach/description [4,17)");
        none(SERVICE, s -> s.breachDescription = "争议提交杭州仲裁委员会仲裁，仲裁裁决是终局的，双方不得再向人民法院起诉。",
                "QY-V007");
        none(SERVICE, unchanged(), "QY-V007");
        expect(SERVICE, s -> s.breachDescription = "争议提交上海仲裁委员会仲裁；也可以向甲方所在地人民法院起诉。", "QY-V007",
                "BLOCKER /terms/breach/description [6,29)");
        expect(SERVICE, s -> s.breachDescription = "双方可选择仲裁或诉讼方式解决争议。", "QY-V007",
                "BLOCKER /terms/breach/description [5,10)");
        expect(SERVICE, s -> s.breachDescription = "发生争议的，双方可选择仲裁或诉讼方式解决，费用由败诉方承担。", "QY-V007",
                "BLOCKER /terms/breach/description [11,16)");
        // both named, but not as the way the merits are decided
        for (String text : List.of("守约方为实现债权而支出的律师费、仲裁费或诉讼费、保全费等由违约方承担。",
                "守约方通过诉讼或仲裁方式实现债权所支出的合理费用，由违约方承担。",
                "仲裁裁决是终局的，一方不履行的，另一方也可以向有管辖权的人民法院申请强制执行。",
                "在仲裁或诉讼期间，除争议事项外，双方应继续履行本合同其他条款。",
                "仲裁前或仲裁中，任何一方可向有管辖权的人民法院申请财产保全。",
                "守约方为解决争议通过诉讼或仲裁方式实现债权所支出的费用（包括律师费、保全费）由违约方承担。",
                "本合同的任何条款被人民法院或仲裁机构认定为无效的，不影响其他条款的效力。",
                "如因乙方原因导致甲方遭受第三方索赔、诉讼或仲裁的，乙方应负责解决并赔偿甲方全部损失。",
                "乙方声明不存在与本合同标的有关的任何纠纷、诉讼或仲裁。",
                "乙方保证，截至本合同签署日，乙方不存在可能影响本合同履行的重大诉讼或仲裁纠纷。",
                "因本合同争议提起诉讼或仲裁所产生的律师费、差旅费由败诉方承担。",
                "任何一方因本合同争议被第三方提起诉讼或仲裁的，应及时通知对方。",
                "违约方应赔偿守约方的全部损失，损失金额以仲裁机构或人民法院最终认定的为准，争议期间不影响其他条款履行。",
                "在申请仲裁的同时，任何一方也可以向人民法院提出财产保全申请。")) {
            none(SERVICE, s -> s.breachDescription = text, "QY-V007");
        }
        // the two halves in different articles (an outside reader's case): the dispute article chooses one forum,
        // a clause the other
        expect(SERVICE, s -> s.breachDescription = "发生争议的，任何一方均可向有管辖权的人民法院起诉。", "QY-V007",
                "BLOCKER /terms/breach/description [22,24)");
        expect(SERVICE, s -> s.breachDescription = "因本合同发生的争议，由甲方所在地人民法院管辖。", "QY-V007",
                "BLOCKER /terms/breach/description [18,22)");
        expect(CONSULTING, s -> s.breachDescription = "发生争议的，任何一方也可向广州仲裁委员会申请仲裁。", "QY-V007",
                "BLOCKER /terms/breach/description [20,24)");
        // the same words beside the same forum, or ruled out, choose nothing new
        none(CONSULTING, s -> s.breachDescription = "发生争议的，任何一方均可向有管辖权的人民法院起诉。", "QY-V007");
        none(SERVICE, s -> s.breachDescription = "发生争议的，任何一方也可向上海仲裁委员会申请仲裁。", "QY-V007");
        none(SERVICE, s -> s.breachDescription = "争议经仲裁裁决后，任何一方不得就同一争议向人民法院起诉。", "QY-V007");
        none(CONSULTING, s -> s.breachDescription = "双方放弃将争议提交仲裁的权利。", "QY-V007");
        expect(SERVICE, s -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "北京仲裁委员会或上海仲裁委员会", null),
                "QY-V008", "WARNING /terms/dispute/arbitrationCommission");
        none(SERVICE, unchanged(), "QY-V008");
        expect(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "广州市天河区人民法院"), "QY-V009",
                "WARNING /terms/dispute/court");
        none(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "原告所在地人民法院"), "QY-V009");
        // the place of signing is a connection (民事诉讼法第35条)
        none(CONSULTING, s -> {
            s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "广州市天河区人民法院");
            s.signing = new Signing(null, "广东省广州市天河区");
        }, "QY-V009");
        none(CONSULTING, unchanged(), "QY-V009");
        // the customer is at 杭州市余杭区, our entity at 上海市浦东新区
        none(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "杭州余杭区人民法院"), "QY-V009");
        none(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "上海市浦东新区人民法院"), "QY-V009");
        none(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "浙江省杭州市余杭区人民法院"), "QY-V009");
        expect(CONSULTING, s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "长春市余杭区人民法院"), "QY-V009",
                "WARNING /terms/dispute/court");
        assertThat(findings(Spec.valid(CONSULTING).with(s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null,
                "广州市天河区人民法院")), "QY-V009").getFirst().args()).containsExactly("广州市天河区人民法院", "广州市天河区");
        // the court's level is not part of its place (an outside tester read 所在地“乌鲁木齐市中级”)
        assertThat(findings(Spec.valid(CONSULTING).with(s -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null,
                "乌鲁木齐市中级人民法院")), "QY-V009").getFirst().args()).containsExactly("乌鲁木齐市中级人民法院", "乌鲁木齐市");
    }

    @Test
    void v010Renewal() {
        expect(SERVICE, s -> s.autoRenew = true, "QY-V010", "WARNING /renewalNoticeDays");
        expect(SERVICE, s -> {
            s.autoRenew = true;
            s.renewalNoticeDays = 400;
        }, "QY-V010", "WARNING /renewalNoticeDays");
        expect(SERVICE, s -> {
            s.autoRenew = true;
            s.renewalNoticeDays = 0;
        }, "QY-V010", "WARNING /renewalNoticeDays");
        none(SERVICE, s -> {
            s.autoRenew = true;
            s.renewalNoticeDays = 30;
        }, "QY-V010");
        // a term already over, renewed at signing to 2027-06-30 (QY-C005): 30 days' notice fits in what remains
        none(SERVICE, s -> {
            s.autoRenew = true;
            s.renewalNoticeDays = 30;
            s.startDate = LocalDate.of(2025, 1, 1);
            s.endDate = LocalDate.of(2025, 6, 30);
        }, "QY-V010");
        // an indefinite term renews at no end: the document leaves the clause out, so the drafter is told
        expect(SERVICE, s -> {
            s.autoRenew = true;
            s.renewalNoticeDays = 30;
            s.endDate = null;
        }, "QY-V010", "WARNING /autoRenew");
        // a termination notice longer than the whole term (the SERVICE sample runs 2027 through, 365 days)
        expect(SERVICE, s -> s.terminationNoticeDays = 366, "QY-V010", "WARNING /terms/termination/noticeDays");
        none(SERVICE, s -> s.terminationNoticeDays = 365, "QY-V010");
    }

    @Test
    void personalInformationRules() {
        expect(INFO_SHARING, s -> s.personalInformation = pi(s, null, ProcessingRole.PROVISION, s.personalInformation.securityMeasures()),
                "QY-P001", "BLOCKER /terms/personalInformation/legalBasis");
        none(INFO_SHARING, unchanged(), "QY-P001");
        expect(INFO_SHARING, s -> s.personalInformation = new PersonalInformation(ProcessingRole.PROVISION,
                        LegalBasis.SEPARATE_CONSENT, new Recipient(Spec.OUR_NAME, null), null,
                        s.personalInformation.securityMeasures(), "PIPIA-1", null, "到期删除。"), "QY-P002",
                "BLOCKER /terms/personalInformation/processingMethod", "BLOCKER /terms/personalInformation/recipient/contact");
        none(INFO_SHARING, unchanged(), "QY-P002");
        // 甲方 provides, so 乙方 receives: a third company named as the recipient contradicts the agreement
        var foreign = findings(Spec.valid(INFO_SHARING).with(s -> s.personalInformation = new PersonalInformation(
                ProcessingRole.ENTRUSTED, LegalBasis.SEPARATE_CONSENT, new Recipient("新加坡某公司", "dpo@example.sg"),
                "存储", s.personalInformation.securityMeasures(), "PIPIA-1", null, "到期删除。")), "QY-P002");
        assertThat(foreign).extracting(f -> f.severity() + " " + f.path() + " " + f.messageCode())
                .containsExactly("BLOCKER /terms/personalInformation/recipient/name review.QY-P002.notTheReceiver");
        assertThat(foreign.getFirst().args()).contains("新加坡某公司", "乙方", Spec.OUR_NAME);
        // the receiver by its full name with a department is the receiver
        none(INFO_SHARING, s -> s.personalInformation = recipient(s, Spec.OUR_NAME + "数据保护办公室"), "QY-P002");
        none(INFO_SHARING, s -> s.personalInformation = recipient(s, "上海契约信息技术有限公司 数据合规部"), "QY-P002");
        // a department or team alone names no one (PIPL 第23条: 名称或者姓名; outside lawyer-tester)
        for (String unit : List.of("数据合规部", "客户服务中心", "信息安全团队", "个人信息保护办公室", "法务部",
                "数据中心", "第三事业部", " 数据 合规部 ", "法务部 数据合规组")) {
            var found = findings(Spec.valid(INFO_SHARING).with(s -> s.personalInformation = recipient(s, unit)),
                    "QY-P002");
            assertThat(found).as(unit).extracting(f -> f.severity() + " " + f.path() + " " + f.messageCode())
                    .containsExactly("BLOCKER /terms/personalInformation/recipient/name review.QY-P002.departmentOnly");
            assertThat(found.getFirst().args()).containsExactly(unit.strip());
        }
        // … while a registered name has a place or trade name besides (a centre or a 工作室 may be an entity of its
        // own; a third party is then QY-P002's other finding), and a person is named by a name
        for (String named : List.of("某某数据服务中心", "北京市大数据中心", "契约科技（上海）有限公司数据合规部",
                "杭州某某设计工作室", "上海市人民政府办公室", "张三经营部", "华东区销售部", "乙方数据合规部", "张三",
                "复旦大学数据研究中心", "某某律师事务所")) {
            assertThat(findings(Spec.valid(INFO_SHARING).with(s -> s.personalInformation = recipient(s, named)),
                    "QY-P002")).as(named).extracting(RawFinding::messageCode)
                    .doesNotContain("review.QY-P002.departmentOnly");
        }
        expect(INFO_SHARING, s -> s.sharedInformation = shared(true, false, false), "QY-P003",
                "BLOCKER /terms/sharedInformation/purpose", "BLOCKER /terms/sharedInformation/separateConsentObtained");
        none(INFO_SHARING, s -> s.sharedInformation = new SharedInformation(List.of(SharedCategory.BASIC_INFO), true, true,
                "处理健康信息的必要性及对个人权益的影响已告知本人。", false, true), "QY-P003");
        expect(INFO_SHARING, s -> s.sharedInformation = shared(false, true, true), "QY-P004",
                "BLOCKER /terms/personalInformation/crossBorderMechanism");
        none(INFO_SHARING, unchanged(), "QY-P004");
        expect(INFO_SHARING, s -> s.personalInformation = null, "QY-P005", "BLOCKER /terms/personalInformation/pipiaReference");
        none(INFO_SHARING, unchanged(), "QY-P005");
        expect(INFO_SHARING, s -> s.personalInformation = pi(s, LegalBasis.CONTRACT_NECESSITY, ProcessingRole.ENTRUSTED, List.of()),
                "QY-P006", "BLOCKER /terms/personalInformation/processingRole",
                "BLOCKER /terms/personalInformation/securityMeasures", "BLOCKER /terms/sharingPeriod");
        none(INFO_SHARING, s -> {
            s.personalInformation = pi(s, LegalBasis.CONTRACT_NECESSITY, ProcessingRole.ENTRUSTED,
                    s.personalInformation.securityMeasures());
            s.confidentialityObligations = new ArrayList<>(List.of("未经甲方书面同意，乙方不得转委托他人处理。"));
            s.sharingPeriod = new PeriodAfterTermination(0);
        }, "QY-P006");
        // the duty written the other way round (an outside reader's case): 确需委托第三方处理的，应事先取得…书面同意
        none(INFO_SHARING, s -> {
            s.personalInformation = pi(s, LegalBasis.CONTRACT_NECESSITY, ProcessingRole.ENTRUSTED,
                    s.personalInformation.securityMeasures());
            s.confidentialityObligations = new ArrayList<>(List.of("乙方确需委托第三方处理的，应事先取得甲方书面同意。"));
            s.sharingPeriod = new PeriodAfterTermination(0);
        }, "QY-P006");
        // processing on after the entrustment has ended (an outside reader's case: 终止后3年 beside 委托终止后30日内删除)
        expect(INFO_SHARING, s -> {
            s.personalInformation = pi(s, LegalBasis.CONTRACT_NECESSITY, ProcessingRole.ENTRUSTED,
                    s.personalInformation.securityMeasures());
            s.confidentialityObligations = new ArrayList<>(List.of("未经甲方书面同意，乙方不得转委托他人处理。"));
            s.sharingPeriod = new PeriodAfterTermination(3);
        }, "QY-P006", "BLOCKER /terms/sharingPeriod");
        // sensitive information named in the agreement's own words while it says it shares none (outside tester)
        expect(INFO_SHARING, s -> s.sharedInformation = new SharedInformation(List.of(SharedCategory.BASIC_INFO), true,
                false, "共享收货人身份证号码、银行账户及行踪轨迹，用于风控。", false, true), "QY-P003",
                "WARNING /terms/sharedInformation/containsSensitivePersonalInformation");
        none(INFO_SHARING, s -> s.sharedInformation = new SharedInformation(List.of(SharedCategory.BASIC_INFO), true,
                false, "不得共享收货人身份证号码。", false, true), "QY-P003");
        // contact details and behaviour data said to be no personal information
        expect(INFO_SHARING, s -> {
            s.sharedInformation = new SharedInformation(List.of(SharedCategory.CONTACT_INFO, SharedCategory.BEHAVIOUR_DATA),
                    false, false, "联合营销。", false, false);
            s.personalInformation = null;
        }, "QY-P001", "WARNING /terms/sharedInformation/containsPersonalInformation");
        // … or not said either way (outside tester: an import sharing 联系方式 met none of the P rules)
        expect(INFO_SHARING, s -> {
            s.sharedInformation = new SharedInformation(List.of(SharedCategory.CONTACT_INFO), null, false, "联合营销。",
                    false, false);
            s.personalInformation = null;
        }, "QY-P001", "WARNING /terms/sharedInformation/containsPersonalInformation");
        expect(INFO_SHARING, s -> s.personalInformation = pi(s, LegalBasis.SEPARATE_CONSENT, ProcessingRole.PROVISION, List.of()),
                "QY-P007", "WARNING /terms/personalInformation/securityMeasures");
        expect(INFO_SHARING, s -> s.personalInformation = pi(s, LegalBasis.SEPARATE_CONSENT, ProcessingRole.PROVISION,
                List.of("采取加密措施。")), "QY-P007", "WARNING /terms/personalInformation/securityMeasures",
                "WARNING /terms/personalInformation/securityMeasures", "WARNING /terms/personalInformation/securityMeasures",
                "WARNING /terms/personalInformation/securityMeasures", "WARNING /terms/personalInformation/securityMeasures");
        none(INFO_SHARING, unchanged(), "QY-P007");
        // no personal information shared: none of the P rules apply
        for (String id : List.of("QY-P001", "QY-P002", "QY-P003", "QY-P004", "QY-P005", "QY-P006", "QY-P007")) {
            none(INFO_SHARING, s -> {
                s.sharedInformation = new SharedInformation(List.of(SharedCategory.OTHER), false, false, "营销。", true, false);
                s.personalInformation = null;
            }, id);
        }
    }

    /** The sample's personal information with another recipient (reached at a mailbox). */
    static PersonalInformation recipient(Spec s, String name) {
        var pi = s.personalInformation;
        return new PersonalInformation(pi.processingRole(), pi.legalBasis(), new Recipient(name, "dpo@example.com"),
                pi.processingMethod(), pi.securityMeasures(), pi.pipiaReference(), pi.crossBorderMechanism(),
                pi.returnOrDeletion());
    }

    /**
     * A confidentiality agreement whose confidential information includes personal information (its category, or its
     * scope in words) meets the PIPL rules as they fit it, read from its words; one without meets none (outside
     * lawyer-tester: such an NDA met no PIPL rule at all).
     */
    @Test
    void confidentialityOverPersonalInformation() {
        List<String> piRules = List.of("QY-P001", "QY-P002", "QY-P003", "QY-P004", "QY-P005", "QY-P006", "QY-P007",
                "QY-C014");
        java.util.function.Function<Spec, List<String>> codes = spec -> ENGINE.evaluate(spec.subject()).findings()
                .stream().filter(f -> piRules.contains(f.ruleId()))
                .map(f -> f.severity() + " " + f.path() + " " + f.messageCode()).toList();
        String path = " /terms/confidentialityObligations review.";
        var bare = List.of("WARNING" + path + "QY-C014.confidentialityReturnOrDeletion",
                "WARNING" + path + "QY-P001.confidentiality", "WARNING" + path + "QY-P002.confidentialityMethod",
                "WARNING" + path + "QY-P002.confidentialityPurpose", "WARNING" + path + "QY-P007.missing");
        Consumer<Spec> byCategory = s -> s.confidentialInformation = new ConfidentialInformation(List.of(
                InformationCategory.TRADE_SECRET, InformationCategory.PERSONAL_INFORMATION), "甲方披露的经营信息。",
                s.confidentialInformation.exclusions());
        Consumer<Spec> byScope = s -> s.confidentialInformation = new ConfidentialInformation(List.of(
                InformationCategory.BUSINESS), "甲方披露的客户名单，其中包括客户的个人信息（姓名、联系方式）。",
                s.confidentialInformation.exclusions());
        assertThat(codes.apply(Spec.valid(CONFIDENTIALITY).with(byCategory))).containsExactlyElementsOf(bare);
        assertThat(codes.apply(Spec.valid(CONFIDENTIALITY).with(byScope))).containsExactlyElementsOf(bare);

        // each said in both languages, with its fix
        var department = Spec.valid(INFO_SHARING).with(s -> s.personalInformation = recipient(s, "数据合规部"));
        for (var subject : List.of(Spec.valid(CONFIDENTIALITY).with(byCategory).subject(), department.subject())) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                var said = ENGINE.review(subject, locale).findings().stream()
                        .filter(f -> f.ruleId().startsWith("QY-P") || f.ruleId().equals("QY-C014")).toList();
                assertThat(said).isNotEmpty().allSatisfy(f -> {
                    assertThat(f.message()).matches(locale == Locale.ENGLISH ? "^[A-Z].*" : "^[^A-Za-z]*个人信息.*");
                    if (!f.ruleId().equals("QY-P007")) { // its message says the fix
                        assertThat(f.suggestion()).as(f.message()).isNotBlank();
                    }
                });
            }
        }

        // an NDA that says what the law asks for meets none of them
        Consumer<Spec> drafted = s -> s.confidentialityObligations.addAll(List.of(
                "披露方保证其提供的个人信息已取得个人的单独同意。",
                "接收方仅可为评估双方合作之目的处理其中的个人信息，仅可在其内部系统中存储、查阅，不得复制。",
                "接收方应制定内部管理制度和操作规程，对个人信息实行分类管理，采取加密和去标识化措施，合理确定操作权限并定期开展"
                        + "安全培训，制定安全事件应急预案。",
                "本协议终止后，接收方应在十个工作日内删除其中的个人信息。"));
        assertThat(codes.apply(Spec.valid(CONFIDENTIALITY).with(byCategory).with(drafted))).isEmpty();
        // a party's consent is no basis, nor "not for other purposes" a purpose; measures in part are named in part
        assertThat(codes.apply(Spec.valid(CONFIDENTIALITY).with(byCategory).with(s ->
                s.confidentialityObligations.addAll(List.of("未经披露方书面同意，接收方不得向第三方提供个人信息。",
                        "接收方应对个人信息采取加密措施。")))))
                .contains("WARNING" + path + "QY-P001.confidentiality", "WARNING" + path + "QY-P002.confidentialityPurpose",
                        "WARNING" + path + "QY-P007.aspect.training")
                .doesNotContain("WARNING" + path + "QY-P007.missing", "WARNING" + path + "QY-P007.aspect.encryption");

        // the template prints its return or destruction for every NDA: the document says it, the contract need not
        var spec = Spec.valid(CONFIDENTIALITY).with(byCategory);
        var printed = ENGINE.evaluate(spec.subject().withSuppliedByTemplate(java.util.Map.of("",
                "本协议终止或者披露方书面要求时，接收方应在十个工作日内返还或者销毁保密信息及其复制件，并书面确认。")));
        assertThat(printed.findings()).extracting(RawFinding::ruleId).contains("QY-P001").doesNotContain("QY-C014");

        // without personal information, or with its scope excluding it, none apply
        for (Consumer<Spec> without : List.<Consumer<Spec>>of(s -> {
        }, s -> s.confidentialInformation = new ConfidentialInformation(List.of(InformationCategory.TECHNICAL),
                "甲方披露的技术资料，不包括个人信息。", s.confidentialInformation.exclusions()),
                s -> s.confidentialInformation = new ConfidentialInformation(List.of(InformationCategory.TECHNICAL),
                        "依照个人信息保护法无需保密的信息以外的技术资料。", s.confidentialInformation.exclusions()))) {
            assertThat(codes.apply(Spec.valid(CONFIDENTIALITY).with(without))).isEmpty();
        }
    }

    @Test
    void identityRules() {
        String wrong = Spec.CUSTOMER_CODE.substring(0, 17) + (Spec.CUSTOMER_CODE.charAt(17) == '0' ? '1' : '0');
        expect(SERVICE, s -> s.customer = party(s.customer, Spec.CUSTOMER_NAME, "杭州", wrong), "QY-I001", "BLOCKER /customerId");
        expect(SERVICE, s -> s.ourEntity = party(s.ourEntity, Spec.OUR_NAME, "上海", "123"), "QY-I001", "BLOCKER /ourEntityId");
        none(SERVICE, unchanged(), "QY-I001");
        expect(SERVICE, s -> s.customer = person("11010519491231002Y"), "QY-I002", "BLOCKER /customerId");
        expect(SERVICE, s -> s.customer = person("110105" + "20991231" + "002" + "X"), "QY-I002", "BLOCKER /customerId");
        String first17 = "11010519491231002";
        none(SERVICE, s -> s.customer = person(first17 + io.qiyue.customer.IdNumber.checkCharacterFor(first17)), "QY-I002");
        // right check characters, but no registering authority, a category it does not register, no province
        var zeros = findings(Spec.valid(SERVICE).with(s -> s.customer = party(s.customer, Spec.CUSTOMER_NAME, "杭州",
                "000000000000000000")), "QY-I001");
        assertThat(zeros).extracting(RawFinding::messageCode).containsExactly("review.QY-I001.customer.REGISTRATION_AUTHORITY");
        String category = "94" + Spec.OUR_CODE.substring(2, 17);
        var wrongCategory = findings(Spec.valid(SERVICE).with(s -> s.ourEntity = party(s.ourEntity, Spec.OUR_NAME, "上海",
                Spec.code(category))), "QY-I001");
        assertThat(wrongCategory).extracting(RawFinding::messageCode)
                .containsExactly("review.QY-I001.ourEntity.ORGANIZATION_CATEGORY");
        String region = "99" + first17.substring(2);
        var noProvince = findings(Spec.valid(SERVICE).with(s -> s.customer = person(region
                + io.qiyue.customer.IdNumber.checkCharacterFor(region))), "QY-I002");
        assertThat(noProvince).extracting(RawFinding::messageCode).containsExactly("review.QY-I002.REGION");
        for (String locale : List.of("zh-CN", "en")) {
            var messages = new org.springframework.context.support.ResourceBundleMessageSource();
            messages.setBasename("review/messages");
            messages.setDefaultEncoding("UTF-8");
            for (String code : List.of("review.QY-I001.customer.REGISTRATION_AUTHORITY",
                    "review.QY-I001.ourEntity.ORGANIZATION_CATEGORY", "review.QY-I002.REGION")) {
                assertThat(messages.getMessage(code, new Object[]{"000000000000000000"},
                        java.util.Locale.forLanguageTag(locale))).as("%s %s", code, locale).isNotBlank();
            }
        }
        expect(SERVICE, s -> s.customer = new ContractParty("c1", CustomerKind.ORGANIZATION, Spec.CUSTOMER_NAME,
                Spec.CUSTOMER_CODE, null, "杭州", CustomerStatus.BLACKLISTED), "QY-I003", "BLOCKER /customerId");
        expect(SERVICE, s -> s.customerNameOnContract = "杭州示例科技公司", "QY-I003", "WARNING /customerId");
        none(SERVICE, unchanged(), "QY-I003");
    }

    @Test
    void aRuleThatThrowsIsRecordedAndTheReviewGoesOn() {
        // a dispute without a method makes no rule throw; a null amount value reaches V002's arithmetic
        var spec = Spec.valid(SERVICE).with(s -> {
            s.deposit = Spec.cny("100");
            s.amount = new io.qiyue.shared.Money(null, "CNY");
        });
        var evaluation = ENGINE.evaluate(spec.subject());
        assertThat(evaluation.findings()).isNotEmpty();
        var broken = new io.qiyue.review.rules.RuleConfig("QY-X", tools.jackson.databind.node.JsonNodeFactory.instance
                .objectNode(), tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.citation("default", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void messagesAreLocalised() {
        var spec = Spec.valid(SERVICE).with(s -> s.dispute = null);
        var zh = ENGINE.review(spec.subject(), Locale.SIMPLIFIED_CHINESE).findings().getFirst();
        var en = ENGINE.review(spec.subject(), Locale.ENGLISH).findings().getFirst();
        assertThat(zh.message()).isEqualTo("未约定争议解决方式");
        assertThat(en.message()).isEqualTo("No dispute resolution is agreed");
        assertThat(zh.citation()).isEqualTo(new Citation("民法典", "第470条", "合同一般包括解决争议的方法"));
        assertThat(en.citation()).isEqualTo(new Citation("Civil Code", "Art. 470",
                "A contract generally states how disputes are resolved"));
    }

    static ContractParty party(ContractParty p, String name, String address, String code) {
        return new ContractParty(p.id(), p.kind(), name, code, p.idNumber(), address, p.status());
    }

    static ContractParty person(String idNumber) {
        return new ContractParty("c1", CustomerKind.PERSON, "张三", null, idNumber, "北京市海淀区中关村大街1号",
                CustomerStatus.ACTIVE);
    }

    static SharedInformation shared(boolean sensitive, boolean crossBorder, boolean consent) {
        return new SharedInformation(List.of(SharedCategory.BASIC_INFO), true, sensitive, "用于双方联合开展客户服务。",
                crossBorder, consent);
    }

    static PersonalInformation pi(Spec s, LegalBasis basis, ProcessingRole role, List<String> measures) {
        var p = s.personalInformation;
        return new PersonalInformation(role, basis, p.recipient(), p.processingMethod(), measures, p.pipiaReference(),
                p.crossBorderMechanism(), p.returnOrDeletion());
    }
}

package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.OurEntity;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A complete contract of each type with every part filled in: templates are checked against it
 * before they are saved, and it is the default subject of a preview.
 */
public final class SampleContracts {
    private SampleContracts() {
    }

    static DocumentModel model(ContractType type) {
        return model(type, TemplateSample.COMPANY);
    }

    /**
     * The samples a template is checked against before it is saved, so that each of its sections is rendered both
     * ways that occur: a company and a natural person as 甲方, every part filled in and chosen the other way, a
     * contract without consideration, and one with nothing but what every contract has (outside tester: a template
     * broken only for a natural person passed, and their contracts silently printed from the shipped default).
     */
    enum TemplateSample { COMPANY, PERSON, FREE, BARE }

    static DocumentModel model(ContractType type, TemplateSample sample) {
        var contract = switch (sample) {
            case COMPANY, PERSON -> contract(type, sample == TemplateSample.PERSON);
            case FREE -> free(contract(type, false));
            case BARE -> bare(contract(type, false));
        };
        var model = DocumentModels.of(contract, switch (sample) {
            case COMPANY, FREE -> customer();
            case PERSON -> person();
            case BARE -> null;
        }, sample == TemplateSample.BARE ? null : ourEntity());
        return sample == TemplateSample.BARE ? model
                : DocumentModels.withClauses(model, List.of(new DocumentModel.ClauseText(1, "示例条款", "示例条款内容", true)));
    }

    /** A natural person as 甲方: an identity card number, no legal representative, no seal. */
    static Customer person() {
        return new Customer("sample-person", CustomerKind.PERSON, "张小明", null, "11010519491231002X",
                "北京市朝阳区建国路1号", null, null, CustomerLevel.B, CustomerStatus.ACTIVE, "admin",
                List.of(new Contact("c2", "张小明", null, "13900139000", null, "zhangxm@example.com", true)), false, 1,
                Instant.EPOCH, Instant.EPOCH);
    }

    /** Without consideration (无偿): no total, no payment plan, no deposit. */
    private static Contract free(Contract c) {
        ContractTerms t = c.terms();
        var payment = new Terms.Payment(null, null, null, true, null, null);
        var terms = new ContractTerms(c.type().name().equals("CONFIDENTIALITY") ? null : payment,
                t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(), t.intellectualProperty(),
                t.confidentialityObligations(), t.service(), t.confidentialInformation(), t.confidentialityPeriod(),
                t.maintenance(), t.consulting(), t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(),
                t.personalInformation(), t.signing(), t.notices());
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(), c.ourEntityId(),
                c.owner(), null, c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), terms,
                c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
    }

    /** Only what every contract has: no terms, no amount, no dates, the customer's name alone. */
    private static Contract bare(Contract c) {
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(), c.ourEntityId(),
                c.owner(), null, null, null, false, null, c.status(), ContractTerms.EMPTY, c.version(), c.createdAt(),
                c.createdBy(), c.updatedAt());
    }

    static Customer customer() {
        return new Customer("sample-customer", CustomerKind.ORGANIZATION, "杭州示例科技有限公司", "91330100716105852F", null,
                "浙江省杭州市余杭区文一西路969号", "张三", "信息技术", CustomerLevel.A, CustomerStatus.ACTIVE, "admin",
                List.of(new Contact("c1", "李四", "采购经理", "13800138000", null, "lisi@example.com", true)), false, 1,
                Instant.EPOCH, Instant.EPOCH);
    }

    static OurEntity ourEntity() {
        return new OurEntity("sample-entity", "上海契约信息技术有限公司", "91310000MA1FL8XQ37", "上海市浦东新区张江路88号", "王五",
                "中国工商银行上海张江支行", "6222021001000000001", 1, Instant.EPOCH, Instant.EPOCH);
    }

    /** A complete contract of the type (fees, parties' terms, its own parts), for previews and warming up. */
    public static Contract contract(ContractType type) {
        return contract(type, false);
    }

    /**
     * {@code otherWay}: every choice the other way round — open-ended without renewal, paid by Alipay in one sum
     * without a deposit, exclusive of VAT, results owned by 乙方, a daily rate of damages, litigation, no signing
     * particulars, no service by e-mail, no standards, the NDA disclosed by 乙方 and ending with it, maintenance on site
     * only, information shared both ways by entrustment, across the border, without personal information.
     */
    static Contract contract(ContractType type, boolean otherWay) {
        var money = Money.cny(new BigDecimal("120000.00"));
        Terms.Payment payment = new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, List.of(
                new Terms.Instalment(LocalDate.of(2027, 1, 15), null, Money.cny(new BigDecimal("60000.00")), "首期款",
                        Terms.PaymentTrigger.ON_SIGNING, 10),
                new Terms.Instalment(null, null, Money.cny(new BigDecimal("60000.00")), "尾款",
                        Terms.PaymentTrigger.ON_GO_LIVE_ACCEPTANCE, 10)),
                Money.cny(new BigDecimal("10000.00")), null, true,
                new Terms.Tax(true, new BigDecimal("6"), Terms.InvoiceType.VAT_SPECIAL));
        if (otherWay) {
            payment = new Terms.Payment(Terms.PaymentMethod.ALIPAY, null, null, null, null,
                    new Terms.Tax(false, null, null));
        }
        var rights = new Terms.RightsAndObligations(List.of("按约定标准提供服务"), List.of("按期付款", "提供必要的工作条件"));
        var breach = otherWay ? new Terms.Breach(new Terms.LiquidatedDamages(Terms.DamagesBasis.DAILY_RATE,
                new BigDecimal("0.05")), null)
                : new Terms.Breach(new Terms.LiquidatedDamages(Terms.DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("10")),
                "逾期付款的，每日按应付未付金额的万分之五支付违约金。");
        var dispute = otherWay ? new Terms.Dispute(Terms.DisputeMethod.NEGOTIATION_THEN_LITIGATION, null, null)
                : new Terms.Dispute(Terms.DisputeMethod.ARBITRATION, "上海仲裁委员会", null);
        var termination = new Terms.Termination(List.of("一方严重违约且经催告后三十日内未改正"), otherWay ? 0 : 30);
        var signing = otherWay ? null : new Terms.Signing(LocalDate.of(2026, 12, 20), "上海市浦东新区");
        var notices = new Terms.Notices("浙江省杭州市余杭区文一西路969号", "lisi@example.com", "上海市浦东新区张江路88号",
                "legal@qiyue.example", !otherWay);
        Terms.IntellectualProperty ip = otherWay ? new Terms.IntellectualProperty(Terms.IpOwnership.PROVIDER, null)
                : new Terms.IntellectualProperty(Terms.IpOwnership.CUSTOMER, "乙方交付的报告归甲方所有。");
        var confidentiality = List.of("不得向第三方披露对方的保密信息", "不得将保密信息用于本合同约定之外的用途");
        var item = List.of(new Terms.Item("服务器巡检", otherWay ? null : "每月一次，出具巡检报告"));
        Terms.Service service = null;
        Terms.ConfidentialInformation info = null;
        Terms.PeriodAfterTermination confidentialityPeriod = null;
        Terms.Maintenance maintenance = null;
        Terms.Consulting consulting = null;
        Terms.SharedInformation shared = null;
        List<Terms.SharingMethod> sharingMethods = null;
        Terms.PeriodAfterTermination sharingPeriod = null;
        Terms.PersonalInformation personal = null;
        switch (type) {
            case SERVICE -> service = new Terms.Service(item, "甲方总部机房", otherWay ? null : "故障4小时内响应");
            case CONFIDENTIALITY -> {
                // an NDA carries no fees and no IP part (ContractType#allows)
                payment = null;
                ip = null;
                info = new Terms.ConfidentialInformation(List.of(Terms.InformationCategory.TRADE_SECRET,
                        Terms.InformationCategory.TECHNICAL), "甲方的客户名单及报价", List.of("已公开的信息"),
                        otherWay ? Terms.NdaDirection.PARTY_B_DISCLOSES : Terms.NdaDirection.ONE_WAY);
                confidentialityPeriod = new Terms.PeriodAfterTermination(otherWay ? 0 : 3);
            }
            case MAINTENANCE -> maintenance = otherWay
                    ? new Terms.Maintenance(item, List.of(Terms.MaintenanceMethod.ONSITE), null, null)
                    : new Terms.Maintenance(item, List.of(Terms.MaintenanceMethod.PHONE, Terms.MaintenanceMethod.ONSITE),
                    30, 4);
            case CONSULTING -> consulting = otherWay
                    ? new Terms.Consulting("数据合规咨询", null, List.of(Terms.ConsultingMethod.IN_PERSON), null)
                    : new Terms.Consulting("数据合规咨询", "意见须书面出具",
                    List.of(Terms.ConsultingMethod.IN_PERSON, Terms.ConsultingMethod.VIDEO), List.of("合规评估报告"));
            case INFO_SHARING -> {
                shared = new Terms.SharedInformation(List.of(Terms.SharedCategory.BASIC_INFO,
                        Terms.SharedCategory.CONTACT_INFO), !otherWay, false, "联合营销", otherWay, otherWay ? null : true,
                        otherWay ? Terms.SharingDirection.MUTUAL : Terms.SharingDirection.PARTY_A_PROVIDES);
                sharingMethods = List.of(Terms.SharingMethod.SFTP);
                sharingPeriod = new Terms.PeriodAfterTermination(1);
                personal = new Terms.PersonalInformation(otherWay ? Terms.ProcessingRole.ENTRUSTED
                        : Terms.ProcessingRole.PROVISION, Terms.LegalBasis.SEPARATE_CONSENT,
                        new Terms.Recipient("上海契约信息技术有限公司", "privacy@example.com"), "仅用于联合营销",
                        List.of("加密传输", "访问控制"), "PIA-2027-001", null, "期满后三十日内删除");
            }
        }
        var terms = new ContractTerms(payment, rights, breach, dispute, termination, ip, confidentiality, service, info,
                confidentialityPeriod, maintenance, consulting, shared, sharingMethods, sharingPeriod, personal, signing,
                notices);
        return new Contract("sample-contract", "QY-" + type.code() + "-2027-000001", type, "2027年度" + type.nameZh(),
                "sample-customer", "杭州示例科技有限公司", "sample-entity", "admin",
                type == ContractType.CONFIDENTIALITY ? null : money, LocalDate.of(2027, 1, 1),
                otherWay ? null : LocalDate.of(2027, 12, 31), !otherWay, otherWay ? null : 30, ContractStatus.DRAFT, terms,
                1, Instant.EPOCH, "admin",
                Instant.EPOCH);
    }
}

package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.contract.Terms.*;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable contract for tests: {@link #valid(ContractType)} gives a contract of each type on which the
 * engine finds nothing; tests change one field and assert the exact finding.
 */
final class Spec {
    static final LocalDate REVIEW_DATE = LocalDate.of(2026, 11, 20);
    static final String CUSTOMER_NAME = "杭州示例科技有限公司";
    static final String OUR_NAME = "上海契约信息技术有限公司";
    static final String CUSTOMER_CODE = code("91330100716105852");
    static final String OUR_CODE = code("91310115MA1K3YJ12");

    ContractType type;
    String customerNameOnContract = CUSTOMER_NAME;
    Money amount;
    LocalDate startDate = LocalDate.of(2027, 1, 1);
    LocalDate endDate = LocalDate.of(2027, 12, 31);
    boolean autoRenew;
    Integer renewalNoticeDays;
    ContractParty customer = new ContractParty("c1", CustomerKind.ORGANIZATION, CUSTOMER_NAME, CUSTOMER_CODE, null,
            "浙江省杭州市余杭区文一西路969号", CustomerStatus.ACTIVE);
    ContractParty ourEntity = new ContractParty("e1", CustomerKind.ORGANIZATION, OUR_NAME, OUR_CODE, null,
            "上海市浦东新区张江路100号", CustomerStatus.ACTIVE);

    PaymentMethod paymentMethod;
    List<Instalment> schedule;
    Money deposit;
    Boolean depositOffsetsInstalment;
    Boolean noConsideration;
    List<String> provider;
    List<String> customerDuties;
    LiquidatedDamages damages;
    String breachDescription;
    Dispute dispute;
    List<String> terminationConditions;
    Integer terminationNoticeDays;
    IntellectualProperty ip;
    List<String> confidentialityObligations;
    Service service;
    ConfidentialInformation confidentialInformation;
    PeriodAfterTermination confidentialityPeriod;
    Maintenance maintenance;
    Consulting consulting;
    Signing signing;
    SharedInformation sharedInformation;
    List<SharingMethod> sharingMethods;
    PeriodAfterTermination sharingPeriod;
    PersonalInformation personalInformation;

    static String code(String first17) {
        return first17 + CreditCode.checkCharacterFor(first17);
    }

    static Money cny(String value) {
        return Money.cny(value);
    }

    static Money cny(BigDecimal value) {
        return Money.cny(value);
    }

    static <T> List<T> list(List<T> in) {
        return in == null ? null : new ArrayList<>(in);
    }

    static Spec valid(ContractType type) {
        var s = new Spec();
        s.type = type;
        s.provider = new ArrayList<>(List.of("乙方应按本合同约定的标准提供服务。", "乙方服务期限自2027年1月1日起至2027年12月31日止。"));
        s.customerDuties = new ArrayList<>(List.of("杭州示例科技有限公司应按约定支付费用并指定联系人。"));
        s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("10"));
        s.breachDescription = "任何一方违约的，应向守约方支付违约金。";
        s.dispute = new Dispute(DisputeMethod.ARBITRATION, "上海仲裁委员会", null);
        s.terminationConditions = new ArrayList<>(List.of("一方严重违约且在收到书面通知后30日内未纠正的，守约方可以解除合同。"));
        s.terminationNoticeDays = 30;
        s.ip = new IntellectualProperty(IpOwnership.PROVIDER, "服务成果的知识产权归乙方所有。");
        s.confidentialityObligations = new ArrayList<>(List.of("双方对履行本合同知悉的对方商业秘密负有保密义务，保密期限至合同终止后3年。"));
        switch (type) {
            case SERVICE -> {
                s.amount = cny("120000.00");
                s.paymentMethod = PaymentMethod.BANK_TRANSFER;
                s.schedule = new ArrayList<>(List.of(
                        new Instalment(LocalDate.of(2027, 1, 15), null, cny("60000.00"), "首期款人民币陆万元整（¥60,000.00）"),
                        new Instalment(LocalDate.of(2027, 7, 15), null, cny("60000.00"), "二期款")));
                s.service = new Service(List.of(new Item("服务器巡检", "每月一次，出具巡检报告")),
                        "甲方总部机房的服务器与网络设备。", "故障4小时内响应。");
            }
            case CONFIDENTIALITY -> {
                s.provider = null;
                s.customerDuties = null;
                s.ip = null;
                s.damages = null;
                s.breachDescription = "违反保密义务的一方应赔偿对方因此遭受的全部损失。";
                s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "杭州市余杭区人民法院");
                s.confidentialInformation = new ConfidentialInformation(List.of(InformationCategory.TRADE_SECRET,
                        InformationCategory.TECHNICAL), "甲方披露的技术资料和经营信息。", List.of("已为公众所知的信息。",
                        "接收方独立开发的信息。", "从第三方合法获得的信息。", "依法律规定或监管机构要求披露的信息。"));
                s.confidentialityObligations = new ArrayList<>(List.of("不得向任何第三方泄露保密信息。",
                        "不得将保密信息用于本协议约定之外的用途。"));
                s.confidentialityPeriod = new PeriodAfterTermination(3);
            }
            case MAINTENANCE -> {
                s.amount = cny("36000.00");
                s.paymentMethod = PaymentMethod.BANK_TRANSFER;
                s.schedule = new ArrayList<>(List.of(new Instalment(LocalDate.of(2027, 1, 10), null, cny("36000.00"),
                        "维护费叁万陆仟元整（¥36,000.00）")));
                s.dispute = new Dispute(DisputeMethod.NEGOTIATION_THEN_ARBITRATION, "杭州仲裁委员会", null);
                s.ip = new IntellectualProperty(IpOwnership.CUSTOMER, null);
                s.maintenance = new Maintenance(List.of(new Item("系统巡检", "每季度一次")),
                        List.of(MaintenanceMethod.PHONE, MaintenanceMethod.ONSITE), 90, 4);
            }
            case CONSULTING -> {
                s.amount = cny("50000.00");
                s.paymentMethod = PaymentMethod.BANK_TRANSFER;
                s.schedule = new ArrayList<>(List.of(
                        new Instalment(LocalDate.of(2027, 2, 1), null, cny("25000.00"), "首期款"),
                        new Instalment(null, "咨询报告验收合格后", cny("25000.00"), "尾款")));
                s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "上海市浦东新区人民法院");
                s.consulting = new Consulting("信息化规划咨询。", "咨询报告经甲方书面验收。",
                        List.of(ConsultingMethod.IN_PERSON, ConsultingMethod.VIDEO), List.of("信息化规划报告一份。"));
            }
            case INFO_SHARING -> {
                s.ip = null;
                // no price to take a share of: a fixed sum
                s.damages = new LiquidatedDamages(DamagesBasis.FIXED, new BigDecimal("50000"));
                s.sharedInformation = new SharedInformation(List.of(SharedCategory.BASIC_INFO, SharedCategory.CONTACT_INFO),
                        true, false, "用于双方联合开展客户服务。", false, true);
                s.sharingMethods = new ArrayList<>(List.of(SharingMethod.SFTP));
                s.sharingPeriod = new PeriodAfterTermination(1);
                s.personalInformation = new PersonalInformation(ProcessingRole.PROVISION, LegalBasis.SEPARATE_CONSENT,
                        new Recipient(OUR_NAME, "王五 13800138000"), "存储、使用", List.of(
                        "制定内部管理制度和操作规程。", "对个人信息实行分类管理。", "采取加密和去标识化措施。",
                        "合理确定操作权限并定期开展安全培训。", "制定并组织实施安全事件应急预案。"),
                        "PIPIA-2026-017", null, "共享期限届满后15日内删除全部共享信息。");
            }
        }
        return s;
    }

    ContractTerms terms() {
        Payment payment = paymentMethod == null && schedule == null && deposit == null && noConsideration == null ? null
                : new Payment(paymentMethod, schedule, deposit, noConsideration, depositOffsetsInstalment, null);
        RightsAndObligations ro = provider == null && customerDuties == null ? null
                : new RightsAndObligations(provider, customerDuties);
        Breach breach = damages == null && breachDescription == null ? null : new Breach(damages, breachDescription);
        Termination termination = terminationConditions == null && terminationNoticeDays == null ? null
                : new Termination(terminationConditions, terminationNoticeDays);
        return new ContractTerms(payment, ro, breach, dispute, termination, ip, confidentialityObligations, service,
                confidentialInformation, confidentialityPeriod, maintenance, consulting, sharedInformation,
                sharingMethods, sharingPeriod, personalInformation, signing, null);
    }

    Contract contract() {
        return new Contract("k1", "QY-" + type.code() + "-2026-000001", type, "测试合同", "c1", customerNameOnContract,
                "e1", "alice", amount, startDate, endDate, autoRenew, renewalNoticeDays, ContractStatus.DRAFT, terms(), 1,
                null, "alice", null);
    }

    ReviewSubject subject() {
        return ReviewSubject.of(contract(), customer, ourEntity, REVIEW_DATE);
    }

    Spec with(java.util.function.Consumer<Spec> change) {
        change.accept(this);
        return this;
    }

    @SuppressWarnings("unused")
    private static Terms unused() {
        return null;
    }
}

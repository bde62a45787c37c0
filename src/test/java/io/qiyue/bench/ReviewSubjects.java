package io.qiyue.bench;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms.*;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.template.ChineseAmounts;
import io.qiyue.review.ReviewSubject;
import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Review subjects for {@link ReviewEngineJmh}: a service contract whose rights and obligations run to a
 * chosen number of paragraphs of about 250 characters (40 make a typical 10-page contract, 400 a 100-page
 * one), with every structured term filled in and both parties on record.
 */
final class ReviewSubjects {
    private static final String[] SENTENCES = {
            "乙方应按照本合同约定的服务标准提供服务，并在收到甲方书面通知后2个工作日内响应。",
            "甲方应按约定向乙方支付服务费用，逾期支付的，每日按应付未付金额的0.05%支付违约金。",
            "乙方对履行本合同过程中知悉的甲方商业秘密负有保密义务，保密期限至合同终止后3年。",
            "任何一方严重违约且在收到书面通知后30日内未纠正的，守约方可以书面通知解除本合同。",
            "服务期限自2027年1月1日起至2027年12月31日止，期满前30日双方协商续签事宜。",
            "因不可抗力导致不能履行合同的，受影响一方应在3日内通知对方并提供证明。",
            "乙方应指派具备相应资质的工程师驻场，每月提交一次服务报告，报告须经甲方书面确认。",
            "杭州示例科技有限公司应为乙方人员进入机房提供必要的便利和安全指引。",
            "合同价款为人民币壹拾贰万元整（¥120,000.00），含税，分两期支付。",
            "乙方应及时处理甲方提出的服务请求，并在合理期限内完成整改。",
    };

    private ReviewSubjects() {
    }

    /** The number of characters of clause text the text rules read. */
    static int characters(ReviewSubject subject) {
        return subject.clauses().stream().mapToInt(c -> c.text().length()).sum();
    }

    /** {@code clauses} paragraphs of about 250 characters: the provider's (even) and the customer's (odd). */
    static List<List<String>> rightsAndObligations(int clauses) {
        var provider = new ArrayList<String>();
        var customer = new ArrayList<String>();
        for (int i = 0; i < clauses; i++) {
            var paragraph = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                paragraph.append(SENTENCES[(i * 7 + k * 3) % SENTENCES.length]);
            }
            (i % 2 == 0 ? provider : customer).add(paragraph.toString());
        }
        return List.of(provider, customer);
    }

    /** A service contract whose rights and obligations have {@code clauses} paragraphs of about 250 characters. */
    static ReviewSubject serviceContract(int clauses) {
        var paragraphs = rightsAndObligations(clauses);
        var provider = paragraphs.get(0);
        var customer = paragraphs.get(1);
        var half = new BigDecimal("60000.00");
        var terms = new ContractTerms(
                new Payment(PaymentMethod.BANK_TRANSFER, List.of(
                        new Instalment(LocalDate.of(2027, 1, 15), null, Money.cny(half),
                                "首期款人民币" + ChineseAmounts.format(half) + "（¥60,000.00）"),
                        new Instalment(LocalDate.of(2027, 7, 15), null, Money.cny(half), "二期款")), null, null),
                new RightsAndObligations(provider, customer),
                new Breach(new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal("10")),
                        "任何一方违约的，应向守约方支付合同金额10%的违约金。"),
                new Dispute(DisputeMethod.ARBITRATION, "上海仲裁委员会", null),
                new Termination(List.of("一方严重违约且在收到书面通知后30日内未纠正的，守约方可以解除合同。"), 30),
                new IntellectualProperty(IpOwnership.PROVIDER, "服务成果的知识产权归乙方所有。"),
                List.of("双方对履行本合同知悉的对方商业秘密负有保密义务。"),
                new Service(List.of(new Item("服务器巡检", "每月一次，出具巡检报告")), "甲方总部机房的服务器与网络设备。",
                        "故障4小时内响应。"),
                null, null, null, null, null, null, null, null);
        var contract = new Contract("k1", "QY-SVC-2026-000001", ContractType.SERVICE, "2027年度IT运维服务合同", "c1",
                "杭州示例科技有限公司", "e1", "alice", Money.cny("120000.00"), LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 12, 31), false, null, ContractStatus.DRAFT, terms, 1, null, "alice", null);
        String code = "91330100716105852";
        var party = new ContractParty("c1", CustomerKind.ORGANIZATION, "杭州示例科技有限公司",
                code + CreditCode.checkCharacterFor(code), null, "浙江省杭州市余杭区文一西路969号", CustomerStatus.ACTIVE);
        String ours = "91310115MA1K3YJ12";
        var entity = new ContractParty("e1", CustomerKind.ORGANIZATION, "上海契约信息技术有限公司",
                ours + CreditCode.checkCharacterFor(ours), null, "上海市浦东新区张江路100号", CustomerStatus.ACTIVE);
        return ReviewSubject.of(contract, party, entity, LocalDate.of(2026, 11, 20));
    }
}

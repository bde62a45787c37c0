package io.qiyue.review;

import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms.*;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.template.ChineseAmounts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;

import static io.qiyue.contract.ContractType.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates thousands of contracts from a seeded Random, valid ones and ones with up to three injected
 * defects, and asserts that the engine reports exactly the findings the injected defects imply.
 */
class CorpusTest {
    private static final Set<ContractType> PRICED = EnumSet.of(SERVICE, MAINTENANCE, CONSULTING);
    private static final Set<ContractType> WITH_DUTIES = EnumSet.of(SERVICE, MAINTENANCE, CONSULTING, INFO_SHARING);

    /** One kind of defect: the slot it occupies (two defects never share one), where it applies, what it yields. */
    record Defect(String name, String slot, Set<ContractType> types, BiConsumer<Spec, Random> inject, String... expected) {
    }

    static final List<Defect> DEFECTS = List.of(
            new Defect("noDispute", "dispute", EnumSet.allOf(ContractType.class), (s, r) -> s.dispute = null,
                    "QY-C007 WARNING /terms/dispute"),
            new Defect("noCommission", "dispute", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, null, null),
                    "QY-V006 BLOCKER /terms/dispute/arbitrationCommission"),
            new Defect("arbitrationAndCourt", "dispute", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "上海市浦东新区人民法院或上海仲裁委员会"),
                    "QY-V007 BLOCKER /terms/dispute/court"),
            new Defect("twoCommissions", "dispute", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.dispute = new Dispute(DisputeMethod.ARBITRATION, "北京仲裁委员会或上海仲裁委员会", null),
                    "QY-V008 WARNING /terms/dispute/arbitrationCommission"),
            new Defect("unconnectedCourt", "dispute", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.dispute = new Dispute(DisputeMethod.LITIGATION, null, "广州市天河区人民法院"),
                    "QY-V009 WARNING /terms/dispute/court"),
            new Defect("vagueTime", "provider0", WITH_DUTIES, (s, r) -> s.provider.set(0, "乙方应及时处理故障。"),
                    "QY-L001 WARNING /terms/rightsAndObligations/provider/0 [3,5)"),
            new Defect("exemption", "provider0", WITH_DUTIES, (s, r) -> s.provider.set(0, "对任何损失乙方概不负责。"),
                    "QY-V004 BLOCKER /terms/rightsAndObligations/provider/0 [7,11)"),
            new Defect("excessiveDamages", "breach", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT,
                            BigDecimal.valueOf(31 + r.nextInt(60))),
                    "QY-V001 WARNING /terms/breach/liquidatedDamages"),
            new Defect("noBreach", "breach", EnumSet.allOf(ContractType.class), (s, r) -> {
                s.damages = null;
                s.breachDescription = null;
            }, "QY-C006 WARNING /terms/breach"),
            new Defect("badCapitals", "schedule", EnumSet.of(SERVICE), (s, r) -> {
                var first = s.schedule.getFirst();
                String figures = first.amount().value().toPlainString();
                String bad = ChineseAmounts.format(first.amount().value()).replace("整", "");
                if (bad.equals(ChineseAmounts.format(first.amount().value()))) {
                    bad = bad.replace("元", "圆整整"); // the amount had fractions: break it another way
                }
                s.schedule.set(0, new Instalment(first.dueDate(), null, first.amount(), "首期款人民币" + bad + "（¥" + figures + "）"));
            }, "QY-L003 BLOCKER /terms/payment/schedule/0/description [6,*)"),
            new Defect("scheduleSum", "schedule", PRICED, (s, r) -> s.schedule.add(new Instalment(LocalDate.of(2027, 6, 1),
                    null, Spec.cny("1.00"), "补充款")), "QY-C008 BLOCKER /terms/payment/schedule"),
            new Defect("autoRenewWithoutNotice", "renew", EnumSet.allOf(ContractType.class), (s, r) -> {
                s.autoRenew = true;
                if (s.endDate == null) { // an indefinite term has no end to renew at: another finding (QY-V010 noEnd)
                    s.endDate = Spec.valid(s.type).endDate;
                }
            }, "QY-V010 WARNING /renewalNoticeDays"),
            new Defect("noStart", "start", EnumSet.allOf(ContractType.class), (s, r) -> s.startDate = null,
                    "QY-C005 BLOCKER /startDate"),
            new Defect("blacklisted", "customer", EnumSet.allOf(ContractType.class), (s, r) -> s.customer = with(s.customer,
                    CustomerStatus.BLACKLISTED, s.customer.creditCode()), "QY-I003 BLOCKER /customerId"),
            new Defect("badCreditCode", "customer", EnumSet.allOf(ContractType.class), (s, r) -> s.customer = with(s.customer,
                    CustomerStatus.ACTIVE, wrongCheck(s.customer.creditCode())), "QY-I001 BLOCKER /customerId"),
            new Defect("noTermination", "termination", EnumSet.allOf(ContractType.class),
                    (s, r) -> s.terminationConditions = null, "QY-C009 WARNING /terms/termination/conditions"),
            new Defect("nameTypo", "customerDuties", WITH_DUTIES,
                    (s, r) -> s.customerDuties.set(0, "杭州示范科技有限公司应按约定支付费用并指定联系人。"),
                    "QY-L005 WARNING /terms/rightsAndObligations/customer/0 [0,10)"),
            new Defect("bigDeposit", "deposit", PRICED, (s, r) -> {
                s.deposit = Spec.cny(s.amount.value().multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.HALF_UP));
                s.depositOffsetsInstalment = false; // returned after performance: not also a price paid twice
            },
                    "QY-V002 WARNING /terms/payment/deposit"),
            new Defect("noPipia", "pi", EnumSet.of(INFO_SHARING), (s, r) -> {
                var p = s.personalInformation;
                s.personalInformation = new PersonalInformation(p.processingRole(), p.legalBasis(), p.recipient(),
                        p.processingMethod(), p.securityMeasures(), null, p.crossBorderMechanism(), p.returnOrDeletion());
            }, "QY-P005 BLOCKER /terms/personalInformation/pipiaReference"),
            new Defect("noNdaPeriod", "ndaPeriod", EnumSet.of(CONFIDENTIALITY), (s, r) -> s.confidentialityPeriod = null,
                    "QY-C012 WARNING /terms/confidentialityPeriod"),
            new Defect("noVisitInterval", "maintenance", EnumSet.of(MAINTENANCE), (s, r) -> {
                var m = s.maintenance;
                s.maintenance = new Maintenance(m.items(), m.methods(), null, m.responseHours());
            }, "QY-C013 WARNING /terms/maintenance/visitIntervalDays"));

    @Test
    void theEngineFindsExactlyTheInjectedDefects() {
        var random = new Random(20261120L);
        var engine = ValidContractsTest.ENGINE;
        int contracts = 4000;
        int valid = 0;
        int defects = 0;
        var seen = new HashSet<String>();
        for (int n = 0; n < contracts; n++) {
            ContractType type = ContractType.values()[random.nextInt(ContractType.values().length)];
            Spec spec = Spec.valid(type);
            vary(spec, random);
            var expected = new ArrayList<String>();
            var slots = new HashSet<String>();
            var injected = new ArrayList<String>();
            int count = random.nextInt(4);
            for (int k = 0; k < count; k++) {
                Defect d = DEFECTS.get(random.nextInt(DEFECTS.size()));
                if (!d.types().contains(type) || !slots.add(d.slot())) {
                    continue;
                }
                d.inject().accept(spec, random);
                expected.addAll(List.of(d.expected()));
                injected.add(d.name());
                seen.add(d.name());
            }
            if (injected.isEmpty()) {
                valid++;
            }
            defects += injected.size();
            var evaluation = engine.evaluate(spec.subject());
            assertThat(evaluation.errors()).isEmpty();
            var actual = evaluation.findings().stream().map(f -> f.ruleId() + " " + RuleCatalogueTest.describe(f)).toList();
            assertThat(normalise(actual)).as("contract %d (%s) with %s", n, type, injected)
                    .containsExactlyInAnyOrderElementsOf(expected);
            // deterministic: the same subject gives the same findings in the same order
            assertThat(engine.evaluate(spec.subject())).isEqualTo(evaluation);
        }
        assertThat(valid).isGreaterThan(500);
        assertThat(defects).isGreaterThan(3000);
        assertThat(seen).hasSize(DEFECTS.size());
    }

    /** Vary amounts (and the 大写 written for them) so that the corpus is not 5 contracts repeated. */
    private static void vary(Spec s, Random r) {
        if (s.type == SERVICE) {
            BigDecimal half = BigDecimal.valueOf(100_000 + r.nextInt(99_900_000)).movePointLeft(2 * r.nextInt(2));
            half = half.setScale(2, RoundingMode.HALF_UP);
            s.amount = Spec.cny(half.add(half));
            s.schedule.set(0, new Instalment(LocalDate.of(2027, 1, 15), null, Spec.cny(half),
                    "首期款人民币" + ChineseAmounts.format(half) + "（¥" + half.toPlainString() + "）"));
            s.schedule.set(1, new Instalment(LocalDate.of(2027, 7, 15), null, Spec.cny(half), "二期款"));
        }
        if (r.nextBoolean()) {
            s.endDate = null; // indefinite, with the 30 days' notice of the valid contract
            if (s.provider != null) {
                s.provider.set(1, "乙方服务期限自2027年1月1日起。");
            }
        }
    }

    /** The span end of a bad 大写 depends on the generated amount: compare up to the start. */
    private static List<String> normalise(List<String> actual) {
        return actual.stream().map(a -> a.startsWith("QY-L003") ? a.replaceAll(",\\d+\\)$", ",*)") : a).toList();
    }

    private static ContractParty with(ContractParty p, CustomerStatus status, String code) {
        return new ContractParty(p.id(), p.kind(), p.name(), code, p.idNumber(), p.address(), status);
    }

    private static String wrongCheck(String code) {
        return code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
    }
}

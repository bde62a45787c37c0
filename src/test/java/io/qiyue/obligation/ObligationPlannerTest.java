package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObligationPlannerTest {
    private static final LocalDate SIGNED = LocalDate.of(2027, 12, 20);

    @Test
    void paymentsFollowTheScheduleWithDatesTriggersAndWorkingDaysAfterSigning() {
        var schedule = List.of(
                new Terms.Instalment(null, null, Money.cny("30000.00"), "预付款", Terms.PaymentTrigger.ON_SIGNING, 5),
                new Terms.Instalment(null, "系统上线", Money.cny("60000.00"), null, null, null),
                new Terms.Instalment(LocalDate.of(2028, 6, 30), null, Money.cny("30000.00"), "尾款", null, null),
                new Terms.Instalment(null, null, Money.cny("1.00"), null, Terms.PaymentTrigger.ON_ACCEPTANCE, 10));
        var terms = terms(new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, schedule, null, false), null, null,
                null, null, null, null, null);

        var plan = besidesConfidentiality(ObligationPlanner.plan(contract(ContractType.SERVICE, terms), SIGNED));

        assertThat(plan).extracting(ObligationPlanner.Planned::kind).containsOnly(ObligationKind.PAYMENT);
        assertThat(plan).extracting(ObligationPlanner.Planned::side).containsOnly(ObligationSide.CUSTOMER);
        assertThat(plan).extracting(ObligationPlanner.Planned::title)
                .containsExactly("第1期款项", "第2期款项", "第3期款项", "第4期款项");
        // 2027-12-20 is a Monday: five working days later is the next Monday, 12-27
        assertThat(plan.get(0).dueDate()).isEqualTo(LocalDate.of(2027, 12, 27));
        assertThat(plan.get(1).dueDate()).isNull();
        assertThat(plan.get(1).dueTrigger()).isEqualTo("系统上线");
        assertThat(plan.get(2).dueDate()).isEqualTo(LocalDate.of(2028, 6, 30));
        assertThat(plan.get(3).dueTrigger()).isEqualTo("ON_ACCEPTANCE");
        assertThat(plan.get(1).amount()).isEqualTo(Money.cny("60000.00"));
    }

    @Test
    void anInstalmentDatedBeforeTheContractWasMadeFallsDueTheDayItWasMade() {
        var schedule = List.of(
                new Terms.Instalment(LocalDate.of(2027, 10, 1), null, Money.cny("30000.00"), "首期款"),
                new Terms.Instalment(SIGNED, null, Money.cny("30000.00"), "二期款"),
                new Terms.Instalment(LocalDate.of(2028, 3, 1), null, Money.cny("30000.00"), "尾款"));
        var terms = terms(new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, schedule, null, false), null, null,
                null, null, null, null, null);
        var contract = contract(ContractType.SERVICE, terms);

        assertThat(besidesConfidentiality(ObligationPlanner.plan(contract, SIGNED, SIGNED))).extracting(ObligationPlanner.Planned::dueDate)
                .containsExactly(SIGNED, SIGNED, LocalDate.of(2028, 3, 1));
        assertThat(besidesConfidentiality(ObligationPlanner.plan(contract, SIGNED, null))).as("the day it was made not known: as written")
                .extracting(ObligationPlanner.Planned::dueDate)
                .containsExactly(LocalDate.of(2027, 10, 1), SIGNED, LocalDate.of(2028, 3, 1));
    }

    @Test
    void aDeliberatelyFreeContractOwesNoPayment() {
        var schedule = List.of(new Terms.Instalment(LocalDate.of(2028, 1, 1), null, Money.cny("100.00"), null));
        var terms = terms(new Terms.Payment(null, schedule, null, true), null, null, null, null, null, null, null);
        assertThat(besidesConfidentiality(ObligationPlanner.plan(contract(ContractType.SERVICE, terms), SIGNED))).isEmpty();
    }

    @Test
    void maintenanceVisitsRunEveryIntervalAcrossMonthEndsAndALeapDay() {
        var maintenance = new Terms.Maintenance(List.of(new Terms.Item("系统维护", "每月巡检")),
                List.of(Terms.MaintenanceMethod.ONSITE), 30, 4);
        var terms = terms(null, null, maintenance, null, null, null, null, null);
        var c = contract(ContractType.MAINTENANCE, terms, LocalDate.of(2028, 1, 31), LocalDate.of(2028, 6, 30));

        var visits = ObligationPlanner.plan(c, SIGNED).stream()
                .filter(p -> p.kind() == ObligationKind.MAINTENANCE_VISIT).toList();

        // 2028 is a leap year: 01-31 + 30 days is 03-01, not 03-02
        assertThat(visits).extracting(ObligationPlanner.Planned::dueDate).containsExactly(
                LocalDate.of(2028, 3, 1), LocalDate.of(2028, 3, 31), LocalDate.of(2028, 4, 30),
                LocalDate.of(2028, 5, 30), LocalDate.of(2028, 6, 29));
        assertThat(visits.getFirst().startsOn()).isEqualTo(LocalDate.of(2028, 1, 31));
        assertThat(visits.get(1).startsOn()).isEqualTo(LocalDate.of(2028, 3, 2));
        assertThat(visits).extracting(ObligationPlanner.Planned::title).startsWith("第1次定期回访与维护");
        assertThat(visits).allSatisfy(v -> assertThat(v.side()).isEqualTo(ObligationSide.OURS));
        assertThat(visits.getFirst().description()).contains("系统维护");
    }

    @Test
    void aVisitIntervalLongerThanTheTermStillGivesOneVisitOnTheLastDay() {
        assertThat(ObligationPlanner.visitDays(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31), 365))
                .containsExactly(LocalDate.of(2027, 3, 31));
        assertThat(ObligationPlanner.visitDays(LocalDate.of(2027, 1, 1), LocalDate.of(2037, 1, 1), 1))
                .hasSize(ObligationPlanner.MAX_VISITS);
    }

    @Test
    void ndaDutiesOutliveTheContractByTheAgreedYearsOnBothSidesUnlessOneWay() {
        var info = new Terms.ConfidentialInformation(List.of(Terms.InformationCategory.TRADE_SECRET), "技术信息",
                List.of(), null);
        var mutual = terms(null, null, null, null, info, new Terms.PeriodAfterTermination(3),
                List.of("不得向第三方披露"), null);
        var plan = ObligationPlanner.plan(contract(ContractType.CONFIDENTIALITY, mutual), SIGNED);
        assertThat(plan).extracting(ObligationPlanner.Planned::side)
                .containsExactly(ObligationSide.OURS, ObligationSide.CUSTOMER);
        // the term ends 2027-12-31; three years after is 2030-12-31
        assertThat(plan).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ObligationKind.CONFIDENTIALITY);
            assertThat(p.dueDate()).isEqualTo(LocalDate.of(2030, 12, 31));
            assertThat(p.description()).contains("不得向第三方披露").contains("终止后3年");
        });

        var oneWayInfo = new Terms.ConfidentialInformation(List.of(Terms.InformationCategory.TECHNICAL), "技术信息",
                List.of(), Terms.NdaDirection.ONE_WAY);
        var oneWay = terms(null, null, null, null, oneWayInfo, new Terms.PeriodAfterTermination(2), null, null);
        assertThat(ObligationPlanner.plan(contract(ContractType.CONFIDENTIALITY, oneWay), SIGNED))
                .extracting(ObligationPlanner.Planned::side).containsExactly(ObligationSide.OURS);
        // we disclose: the customer alone keeps the secret
        var fromUs = terms(null, null, null, null, new Terms.ConfidentialInformation(
                List.of(Terms.InformationCategory.TECHNICAL), "技术信息", List.of(), Terms.NdaDirection.PARTY_B_DISCLOSES),
                new Terms.PeriodAfterTermination(2), null, null);
        assertThat(ObligationPlanner.plan(contract(ContractType.CONFIDENTIALITY, fromUs), SIGNED))
                .extracting(ObligationPlanner.Planned::side).containsExactly(ObligationSide.CUSTOMER);
    }

    @Test
    void informationSharingBindsTheRecipientToUseAndReturnTheDataAtTheEndOfTheSharingPeriod() {
        var shared = new Terms.SharedInformation(List.of(Terms.SharedCategory.CONTACT_INFO), true, false, "联合服务",
                false, true, Terms.SharingDirection.PARTY_A_PROVIDES);
        var terms = new ContractTerms(null, null, null, null, null, null, null, null, null, null, null, null, shared,
                List.of(Terms.SharingMethod.API), new Terms.PeriodAfterTermination(2),
                new Terms.PersonalInformation(null, null, null, null, null, null, null, "终止后30日内删除"));
        var plan = besidesConfidentiality(ObligationPlanner.plan(contract(ContractType.INFO_SHARING, terms), SIGNED));

        assertThat(plan).extracting(ObligationPlanner.Planned::kind)
                .containsExactly(ObligationKind.DATA_SHARING, ObligationKind.DATA_RETURN);
        assertThat(plan).extracting(ObligationPlanner.Planned::side).containsOnly(ObligationSide.OURS);
        // "终止后30日内删除": 30 days after the end (2027-12-31), not the end of the two-year sharing period
        assertThat(plan.get(1).dueDate()).isEqualTo(LocalDate.of(2028, 1, 30));
        assertThat(plan.get(0).dueDate()).isEqualTo(LocalDate.of(2029, 12, 31));
        assertThat(plan.get(1).description()).isEqualTo("终止后30日内删除");
        assertThat(plan.get(1).title()).isEqualTo("合同终止后按约定返还或删除共享信息");
        // counted from the end of the sharing period, the duty is named so (outside tester: "合同终止后…")
        var afterSharing = new ContractTerms(null, null, null, null, null, null, null, null, null, null, null, null,
                shared, List.of(Terms.SharingMethod.API), new Terms.PeriodAfterTermination(2),
                new Terms.PersonalInformation(null, null, null, null, null, null, null, "共享期限届满后15日内删除"));
        var later = besidesConfidentiality(ObligationPlanner.plan(contract(ContractType.INFO_SHARING, afterSharing),
                SIGNED));
        assertThat(later.get(1).title()).isEqualTo("共享期限届满后按约定返还或删除共享信息");
        assertThat(later.get(1).dueDate()).isEqualTo(LocalDate.of(2030, 1, 15));
    }

    @Test
    void serviceItemsAndConsultingDeliverablesAreDueByTheEndOfTheTerm() {
        var service = new Terms.Service(List.of(new Terms.Item("服务器巡检", "每月一次"), new Terms.Item("故障处理", null)),
                "总部机房", "4小时响应");
        var consulting = new Terms.Consulting("规划", "经甲方验收", List.of(Terms.ConsultingMethod.IN_PERSON),
                List.of("现状评估报告", "规划方案"));
        var plan = besidesConfidentiality(ObligationPlanner.plan(contract(ContractType.SERVICE,
                terms(null, service, null, consulting, null, null, null, null)), SIGNED));
        assertThat(plan).extracting(ObligationPlanner.Planned::title)
                .containsExactly("服务器巡检", "故障处理", "现状评估报告", "规划方案");
        assertThat(plan).allSatisfy(p -> assertThat(p.dueDate()).isEqualTo(LocalDate.of(2027, 12, 31)));
        assertThat(plan.getFirst().description()).isEqualTo("每月一次\n4小时响应");
    }

    @Test
    void aConfidentialityClauseWithoutAPeriodSurvivesTheContractAndDataIsReturnedWhenTheContractSays() {
        var duties = terms(null, null, null, null, null, null, List.of("不得泄露对方商业秘密"), null);
        var plan = ObligationPlanner.plan(contract(ContractType.SERVICE, duties), SIGNED);
        assertThat(plan).allSatisfy(p -> {
            assertThat(p.dueDate()).isNull();
            assertThat(p.dueTrigger()).isEqualTo(ObligationPlanner.SURVIVES);
        });
        LocalDate end = LocalDate.of(2027, 12, 31);
        assertThat(ObligationPlanner.returnDue(end, "合同终止后30日内删除并出具删除证明", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2028, 1, 30));
        assertThat(ObligationPlanner.returnDue(end, "协议终止后 5 个工作日内返还", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2028, 1, 7));
        assertThat(ObligationPlanner.returnDue(end, "按甲方要求处理", end.plusYears(1))).isEqualTo(end.plusYears(1));
        assertThat(ObligationPlanner.returnDue(end, "共享期限届满后30日内删除并出具删除证明", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2029, 1, 30));
        // the words QY-C014 reads as counted from the contract's end are dated from it too (one pattern for both;
        // 合同到期后 was dated at the end of the sharing period while the review warned of it as from the end)
        assertThat(ObligationPlanner.returnDue(end, "合同到期后30日内删除", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2028, 1, 30));
        assertThat(ObligationPlanner.returnDue(end, "本协议解除或期满后10日内返还", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2028, 1, 10));
        assertThat(ObligationPlanner.returnDue(end, "共享期满后10日内删除", end.plusYears(1)))
                .isEqualTo(LocalDate.of(2029, 1, 10));
    }

    /**
     * Every type's document has a confidentiality clause that survives the contract: without duties of its own the
     * default template's (an outside tester found none planned, though the document printed the clause).
     */
    @Test
    void theDefaultConfidentialityClauseBindsBothSidesBeyondTheEnd() {
        var plan = ObligationPlanner.plan(contract(ContractType.SERVICE,
                terms(null, null, null, null, null, null, null, null)), SIGNED);
        assertThat(plan).extracting(ObligationPlanner.Planned::kind).containsOnly(ObligationKind.CONFIDENTIALITY);
        assertThat(plan).extracting(ObligationPlanner.Planned::side)
                .containsExactly(ObligationSide.OURS, ObligationSide.CUSTOMER);
        assertThat(plan).allSatisfy(p -> {
            assertThat(p.description()).contains("不得向任何第三方披露、泄露对方的保密信息", "合同终止后继续有效");
            assertThat(p.dueTrigger()).isEqualTo(ObligationPlanner.SURVIVES);
        });
    }

    private static List<ObligationPlanner.Planned> besidesConfidentiality(List<ObligationPlanner.Planned> plan) {
        return plan.stream().filter(p -> p.kind() != ObligationKind.CONFIDENTIALITY).toList();
    }

    @Test
    void workingDaysSkipWeekends() {
        // Friday + 1 working day = Monday
        assertThat(ObligationPlanner.addWorkingDays(LocalDate.of(2027, 12, 24), 1)).isEqualTo(LocalDate.of(2027, 12, 27));
        assertThat(ObligationPlanner.addWorkingDays(LocalDate.of(2027, 12, 24), 0)).isEqualTo(LocalDate.of(2027, 12, 24));
    }

    @Test
    void theStatusTableAllowsOnlyItsMoves() {
        assertThat(ObligationStatus.PENDING.next(ObligationAction.COMPLETE)).contains(ObligationStatus.DONE);
        assertThat(ObligationStatus.OVERDUE.next(ObligationAction.WAIVE)).contains(ObligationStatus.WAIVED);
        assertThat(ObligationStatus.DONE.next(ObligationAction.COMPLETE)).isEmpty();
        assertThat(ObligationStatus.WAIVED.allowedActions()).containsExactly(ObligationAction.REOPEN);
        assertThat(ObligationStatus.DONE.next(ObligationAction.REOPEN)).contains(ObligationStatus.PENDING);
    }

    private static ContractTerms terms(Terms.Payment payment, Terms.Service service, Terms.Maintenance maintenance,
                                       Terms.Consulting consulting, Terms.ConfidentialInformation info,
                                       Terms.PeriodAfterTermination period, List<String> duties,
                                       Terms.SharedInformation shared) {
        return new ContractTerms(payment, null, null, null, null, null, duties, service, info, period, maintenance,
                consulting, shared, null, null, null);
    }

    private static Contract contract(ContractType type, ContractTerms terms) {
        return contract(type, terms, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31));
    }

    private static Contract contract(ContractType type, ContractTerms terms, LocalDate start, LocalDate end) {
        return new Contract("c1", "QY-1", type, "合同", "cust", "客户", "ours", "sales", Money.cny("120000.00"), start,
                end, false, null, ContractStatus.SIGNED, terms, 1, null, null, null);
    }
}

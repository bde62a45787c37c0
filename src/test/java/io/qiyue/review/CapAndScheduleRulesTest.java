package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.Terms.Instalment;
import io.qiyue.contract.Terms.Payment;
import io.qiyue.contract.Terms.PaymentMethod;
import io.qiyue.contract.Terms.PaymentTrigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.qiyue.contract.ContractType.CONFIDENTIALITY;
import static io.qiyue.contract.ContractType.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * QY-V011 (a cap at the contract amount where there is no amount) and QY-C008 with typed triggers and a deposit
 * that offsets the first instalment; each with the clean counterpart that must not fire.
 */
class CapAndScheduleRulesTest {
    private static final ReviewEngine ENGINE = RuleCatalogueTest.ENGINE;
    private static final String CAP = "违约方的赔偿责任以本合同总金额为限。";

    static List<String> findings(ReviewSubject subject, String ruleId) {
        var e = ENGINE.evaluate(subject);
        assertThat(e.errors()).isEmpty();
        return e.findings().stream().filter(f -> f.ruleId().equals(ruleId)).map(RuleCatalogueTest::describe).toList();
    }

    static ReviewSubject withPayment(ReviewSubject s, UnaryOperator<Payment> change) {
        Contract c = s.contract();
        ContractTerms t = c.terms();
        var terms = new ContractTerms(change.apply(t.payment()), t.rightsAndObligations(), t.breach(), t.dispute(),
                t.termination(), t.intellectualProperty(), t.confidentialityObligations(), t.service(),
                t.confidentialInformation(), t.confidentialityPeriod(), t.maintenance(), t.consulting(),
                t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(), t.personalInformation(), t.signing(),
                t.notices());
        var contract = new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), c.startDate(), c.endDate(), c.autoRenew(),
                c.renewalNoticeDays(), c.status(), terms, c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
        return ReviewSubject.of(contract, s.customer(), s.ourEntity(), s.reviewDate());
    }

    @Test
    void aCapAtTheAmountOfAContractWithoutOneIsFound() {
        var nda = Spec.valid(CONFIDENTIALITY).with(s -> s.breachDescription = CAP).subject();
        assertThat(findings(nda, "QY-V011")).containsExactly("WARNING /terms/breach/description [8,17)");

        var free = Spec.valid(SERVICE).with(s -> {
            s.amount = null;
            s.schedule = null;
            s.noConsideration = true;
            s.breachDescription = CAP;
        }).subject();
        assertThat(findings(free, "QY-V011")).containsExactly("WARNING /terms/breach/description [8,17)");

        var paper = DocumentText.review(ENGINE, Spec.valid(CONFIDENTIALITY).subject(), 1_000_000_001,
                "保密协议\n乙方因违反本协议承担的赔偿责任不超过本协议总金额。\n").findings();
        assertThat(paper).extracting(RawFinding::ruleId).contains("QY-V011");
        var message = ENGINE.localise(DocumentText.review(ENGINE, nda, 1_000_000_001, CAP + "\n"),
                java.util.Locale.SIMPLIFIED_CHINESE).findings().stream()
                .filter(f -> f.ruleId().equals("QY-V011")).findFirst().orElseThrow();
        assertThat(message.message()).contains("以本合同总金额为限");
        assertThat(message.citation().article()).isEqualTo("第584条");
    }

    @Test
    void aCapWhereThereIsAnAmountOrACapAtTheActualLossIsNot() {
        assertThat(findings(Spec.valid(SERVICE).with(s -> s.breachDescription = CAP).subject(), "QY-V011")).isEmpty();
        assertThat(findings(Spec.valid(CONFIDENTIALITY).with(s -> s.breachDescription = "违约方应赔偿守约方的全部实际损失。")
                .subject(), "QY-V011")).isEmpty();
    }

    @Test
    void aTypedTriggerMakesAnInstalmentDue() {
        var s = withPayment(Spec.valid(SERVICE).subject(), p -> new Payment(p.method(), List.of(
                new Instalment(null, null, p.schedule().get(0).amount(), "首期款", PaymentTrigger.ON_SIGNING, 5),
                p.schedule().get(1)), null, null, null, null));
        assertThat(findings(s, "QY-C008")).isEmpty();
        var none = withPayment(Spec.valid(SERVICE).subject(), p -> new Payment(p.method(), List.of(
                new Instalment(null, null, p.schedule().get(0).amount(), "首期款", null, 5),
                p.schedule().get(1)), null, null, null, null));
        assertThat(findings(none, "QY-C008")).containsExactly("BLOCKER /terms/payment/schedule/0");
    }

    @Test
    void aDepositThatOffsetsTheFirstInstalmentMustFitInIt() {
        var first = Spec.valid(SERVICE).subject().terms().payment().schedule().getFirst().amount().value();
        var tooLarge = withPayment(Spec.valid(SERVICE).subject(), p -> new Payment(PaymentMethod.BANK_TRANSFER,
                p.schedule(), Spec.cny(first.add(java.math.BigDecimal.ONE).toPlainString()), null, true, null));
        assertThat(findings(tooLarge, "QY-C008")).containsExactly("BLOCKER /terms/payment/deposit");
        var fits = withPayment(Spec.valid(SERVICE).subject(), p -> new Payment(PaymentMethod.BANK_TRANSFER,
                p.schedule(), Spec.cny(first.toPlainString()), null, true, null));
        assertThat(findings(fits, "QY-C008")).isEmpty();
        // returned after performance: no part of the price, whatever its size
        var returned = withPayment(Spec.valid(SERVICE).subject(), p -> new Payment(PaymentMethod.BANK_TRANSFER,
                p.schedule(), Spec.cny(first.add(java.math.BigDecimal.ONE).toPlainString()), null, false, null));
        assertThat(findings(returned, "QY-C008")).isEmpty();
    }
}

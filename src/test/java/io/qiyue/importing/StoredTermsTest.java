package io.qiyue.importing;

import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.Terms;
import io.qiyue.customer.ContactInput;
import io.qiyue.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Update mode's merges: what the file cannot say is kept, what it says wins, nothing stored is dropped. */
class StoredTermsTest {
    private static final LocalDate DUE = LocalDate.of(2027, 1, 15);

    private static ContractTerms withPaymentAndService(Terms.Payment payment, Terms.Service service) {
        return new ContractTerms(payment, null, null, null, null, null, null, service, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void anInstalmentOfTheSameDayAndAmountKeepsItsMilestoneAndTheDepositStays() {
        var stored = withPaymentAndService(new Terms.Payment(Terms.PaymentMethod.BANK_TRANSFER, List.of(
                new Terms.Instalment(DUE, "上线验收", Money.cny("60000.00"), "首期款", Terms.PaymentTrigger.ON_ACCEPTANCE, 10)),
                Money.cny("1000.00"), null), null);
        var file = withPaymentAndService(new Terms.Payment(null, List.of(
                new Terms.Instalment(DUE, null, Money.cny("60000"), null),
                new Terms.Instalment(DUE.plusMonths(6), null, Money.cny("60000"), "二期款")), null, null), null);

        var merged = StoredTerms.merge(stored, file).payment();

        assertThat(merged.method()).isEqualTo(Terms.PaymentMethod.BANK_TRANSFER);
        assertThat(merged.deposit()).isEqualTo(Money.cny("1000.00"));
        assertThat(merged.schedule().getFirst()).isEqualTo(stored.payment().schedule().getFirst());
        assertThat(merged.schedule().get(1).description()).isEqualTo("二期款");
    }

    @Test
    void serviceItemsKeepTheirStandardByNameAndABlankScopeKeepsTheStoredOne() {
        var stored = withPaymentAndService(null, new Terms.Service(List.of(new Terms.Item("服务器巡检", "每月一次")),
                "总部机房", "4 小时响应"));
        var file = withPaymentAndService(null, new Terms.Service(List.of(new Terms.Item("服务器巡检", null),
                new Terms.Item("数据备份", null)), null, "2 小时响应"));

        var merged = StoredTerms.merge(stored, file).service();

        assertThat(merged.items()).containsExactly(new Terms.Item("服务器巡检", "每月一次"), new Terms.Item("数据备份", null));
        assertThat(merged.scope()).isEqualTo("总部机房");
        assertThat(merged.qualityRequirements()).isEqualTo("2 小时响应");
    }

    @Test
    void partsNoColumnCarriesAndPartsLeftBlankAreTheStoredOnes() {
        var stored = new ContractTerms(null, new Terms.RightsAndObligations(List.of("按约定提供服务"), List.of("按时付款")),
                null, null, null, null, null, new Terms.Service(List.of(new Terms.Item("巡检", "每月")), "机房", null),
                null, null, null, null, null, null, null, null, null, null);
        var file = withPaymentAndService(null, null);

        var merged = StoredTerms.merge(stored, file);

        assertThat(merged.rightsAndObligations()).isEqualTo(stored.rightsAndObligations());
        assertThat(merged.service()).isEqualTo(stored.service());
    }

    @Test
    void theRowsContactIsMatchedByNameElseMobileAndOthersStay() {
        var han = new ContactInput("c1", "韩经理", "采购经理", "13800138000", "021-62345678", "han@example.com", true);
        var zhou = new ContactInput("c2", "周工", "技术负责人", "13900139000", null, null, false);

        var byName = CustomerRows.mergeContacts(List.of(han, zhou),
                new ContactInput(null, "韩经理", null, "13700137000", null, null, true));
        assertThat(byName).containsExactly(new ContactInput("c1", "韩经理", "采购经理", "13700137000", "021-62345678",
                "han@example.com", true), zhou);

        var byMobile = CustomerRows.mergeContacts(List.of(han, zhou),
                new ContactInput(null, "周工程师", null, "139 0013 9000", null, null, true));
        assertThat(byMobile.get(1).id()).isEqualTo("c2");
        assertThat(byMobile.get(1).name()).isEqualTo("周工程师");
        assertThat(byMobile.get(1).title()).isEqualTo("技术负责人");

        var added = CustomerRows.mergeContacts(List.of(han, zhou),
                new ContactInput(null, "吴秘书", null, null, null, "wu@example.com", true));
        assertThat(added).hasSize(3).startsWith(han, zhou);
        assertThat(added.get(2).primary()).isFalse();
    }
}

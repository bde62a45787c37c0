package io.qiyue.shared.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Field labels from the shipped bundles, for a contract's fields and for those of another subject (a receipt). */
class FieldLabelsTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final FieldLabels LABELS = new FieldLabels(io.qiyue.testing.ShippedMessages.source());


    @Test
    void a_receipts_amount_is_the_money_received_not_the_contracts_amount() {
        assertThat(LABELS.of("amount", ZH)).isEqualTo("合同金额");
        assertThat(LABELS.of("amount", ZH, "receipt")).isEqualTo("收款金额");
        assertThat(LABELS.of("amount", Locale.ENGLISH, "receipt")).isEqualTo("Amount received");
        assertThat(LABELS.of("allocations[0].amount", ZH, "receipt")).isEqualTo("核销明细 › 第 1 项 › 核销金额");
        assertThat(LABELS.of("amount", ZH, "invoice")).isEqualTo("发票金额");
        assertThat(LABELS.of("amount", ZH, "instalment")).isEqualTo("款项金额");
        // a field the subject does not rename keeps its own label
        assertThat(LABELS.of("receivedOn", ZH, "receipt")).isEqualTo("收款日期");
        assertThat(LABELS.withMessage("amount", "必须大于零", ZH, "receipt")).isEqualTo("收款金额：必须大于零");
    }
}

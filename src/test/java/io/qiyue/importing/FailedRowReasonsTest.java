package io.qiyue.importing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailedRowReasonsTest {
    @Test
    void aRowsReasonsReadAsSentencesWithoutAStrayPunctuationMark() {
        // outside tester: "…必填。；…" in the failed-rows file
        assertThat(Imports.sentences(List.of("金额：必填。", "客户：未找到。"))).isEqualTo("金额：必填。客户：未找到。");
        assertThat(Imports.sentences(List.of("Amount: required.", "Customer: not found.")))
                .isEqualTo("Amount: required. Customer: not found.");
        assertThat(Imports.sentences(List.of())).isEmpty();
    }
}

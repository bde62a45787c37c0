package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.review.DocumentText;
import io.qiyue.review.ReviewEngine;
import io.qiyue.review.ReviewSubject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own default templates, rendered for a paid and a free contract and read back from DOCX as counterparty
 * paper would be, pass our own text rules: no 合理期限, 及时 or open 等, the liability cap marked
 * as a conspicuous 特别提示, and a cap on the total only where there is a total.
 */
class DefaultTemplatesReviewTest {
    private static final ReviewEngine ENGINE = ReviewEngine.standard();
    private static final int UPLOAD = 1_000_000_001;

    static ReviewSubject subject(Contract c) {
        var customer = SampleContracts.customer();
        var ours = SampleContracts.ourEntity();
        return ReviewSubject.of(c, new ContractParty(customer.id(), CustomerKind.ORGANIZATION, customer.name(),
                customer.creditCode(), null, customer.address(), CustomerStatus.ACTIVE),
                new ContractParty(ours.id(), CustomerKind.ORGANIZATION, ours.name(), ours.creditCode(), null,
                        ours.address(), CustomerStatus.ACTIVE), LocalDate.of(2026, 12, 1));
    }

    static List<String> findings(Contract c, byte[] file, String mediaType) {
        String text = TextExtraction.text(file, mediaType);
        return DocumentText.review(ENGINE, subject(c), UPLOAD, text).findings().stream()
                .map(f -> f.ruleId() + " " + f.path() + " " + (f.span() == null ? ""
                        : DocumentText.lines(text).get(Integer.parseInt(f.path().substring(f.path().lastIndexOf('/') + 1)))))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void ourDefaultTemplatesPassOurOwnTextRules(ContractType type) {
        for (Contract c : List.of(GeneratedDocumentsTest.paid(type), GeneratedDocumentsTest.free(type))) {
            var doc = GeneratedDocumentsTest.render(c);
            assertThat(findings(c, doc.docx(), TextExtraction.DOCX)).as("%s DOCX", type).isEmpty();
        }
    }
}

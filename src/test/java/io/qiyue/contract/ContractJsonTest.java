package io.qiyue.contract;

import io.qiyue.shared.Money;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** GET by id's {@link ContractJson} writes exactly the text {@link Contract} would, whether the terms go out as stored or not. */
class ContractJsonTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final TermsForm form = new TermsForm(json);

    @Test
    void hasTheComponentsOfContractInItsOrder() {
        var contract = Arrays.stream(Contract.class.getRecordComponents()).map(RecordComponent::getName).toList();
        var answer = Arrays.stream(ContractJson.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(answer).isEqualTo(contract);
        for (int i = 0; i < contract.size(); i++) {
            var c = Contract.class.getRecordComponents()[i];
            var a = ContractJson.class.getRecordComponents()[i];
            assertThat(a.getGenericType()).as(c.getName())
                    .isEqualTo(c.getName().equals("terms") ? String.class : c.getGenericType());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVICE", "CONFIDENTIALITY", "MAINTENANCE", "CONSULTING", "INFO_SHARING"})
    void writesTheSameTextAsTheContract(String type) {
        var terms = json.readValue(ContractSamples.terms(type), ContractTerms.class);
        var contract = new Contract("c-1", "FW-2026-0001", ContractType.valueOf(type), "标题 \"引号\"", "cu-1", "客户甲",
                "oe-1", "alice", Money.cny("120000.5"), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), true, 30,
                ContractStatus.DRAFT, terms, 3, Instant.parse("2026-12-05T01:02:03.456Z"), "bob",
                Instant.parse("2026-12-05T02:03:04Z"));
        String stored = json.writeValueAsString(terms);

        assertThat(form.of(stored)).isEqualTo(form.current());
        assertThat(json.writeValueAsString(answer(contract, form.answer(stored, form.of(stored)))))
                .isEqualTo(json.writeValueAsString(contract));
        // a row of no known form (written before terms_form existed) is read and written again
        assertThat(json.writeValueAsString(answer(contract, form.answer(stored, null))))
                .isEqualTo(json.writeValueAsString(contract));
    }

    @Test
    void storedTextOfAnotherFormIsWrittenAgain() {
        String stored = "{ \"confidentialityObligations\" : [\"保密\"], \"dispute\": {\"method\": \"LITIGATION\"} }";

        assertThat(form.answer(stored, null))
                .isEqualTo("{\"dispute\":{\"method\":\"LITIGATION\"},\"confidentialityObligations\":[\"保密\"]}");
        assertThat(form.answer(stored, "0123456789abcdef0123456789abcdef")).isEqualTo(form.answer(stored, null));
        // not a fixed point of read-then-write: never marked as the current form
        assertThat(form.of(stored)).isNull();
    }

    private static ContractJson answer(Contract c, String terms) {
        return new ContractJson(c.id(), c.number(), c.type(), c.title(), c.customerId(), c.customerName(),
                c.ourEntityId(), c.owner(), c.amount(), c.startDate(), c.endDate(), c.autoRenew(),
                c.renewalNoticeDays(), c.status(), terms, c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
    }
}

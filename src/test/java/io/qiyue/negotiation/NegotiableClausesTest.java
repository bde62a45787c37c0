package io.qiyue.negotiation;

import io.qiyue.contract.ContractTerms;
import io.qiyue.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which texts of the terms are negotiable clauses, their limits, and wording applied to exactly one of them. */
class NegotiableClausesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ContractTerms terms(String type) {
        return JSON.readValue(ContractSamples.terms(type), ContractTerms.class);
    }

    private static Map<String, NegotiableClause> byKey(ContractTerms terms) {
        return NegotiableClauses.of(terms).stream()
                .collect(Collectors.toMap(NegotiableClause::key, Function.identity()));
    }

    @Test
    void everyTextOfTheTermsIsAClauseAndNothingChosenIs() {
        var clauses = byKey(terms("SERVICE"));
        assertThat(clauses).containsKeys("/terms/breach/description", "/terms/termination/conditions/0",
                "/terms/rightsAndObligations/provider/0", "/terms/rightsAndObligations/customer/0",
                "/terms/payment/schedule/0/description", "/terms/payment/schedule/1/milestone",
                "/terms/service/items/0/standard", "/terms/service/scope", "/terms/dispute/arbitrationCommission",
                "/terms/confidentialityObligations/0");
        // enumerations, amounts, numbers and dates are chosen, not worded
        assertThat(clauses).doesNotContainKeys("/terms/payment/method", "/terms/dispute/method",
                "/terms/termination/noticeDays", "/terms/payment/schedule/0/amount/value",
                "/terms/payment/schedule/0/amount/currency", "/terms/payment/schedule/0/dueDate",
                "/terms/intellectualProperty/ownership");
        assertThat(clauses.get("/terms/breach/description").text()).isEqualTo("逾期按比例支付违约金");
        assertThat(clauses.get("/terms/breach/description").label()).isEqualTo("违约责任 说明");
        assertThat(clauses.get("/terms/termination/conditions/0").label()).isEqualTo("合同终止 终止条件 第1项");
    }

    @Test
    void eachClauseTakesAsMuchAsTheContractDoesThere() {
        var clauses = byKey(terms("SERVICE"));
        assertThat(clauses.get("/terms/breach/description").maxLength()).isEqualTo(4000);
        assertThat(clauses.get("/terms/termination/conditions/0").maxLength()).isEqualTo(4000);
        assertThat(clauses.get("/terms/dispute/arbitrationCommission").maxLength()).isEqualTo(200);
        assertThat(clauses.get("/terms/payment/schedule/1/milestone").maxLength()).isEqualTo(200);
        assertThat(clauses.get("/terms/payment/schedule/0/description").maxLength()).isEqualTo(500);
    }

    @Test
    void wordingChangesOnlyTheClausesNamed() {
        var before = terms("INFO_SHARING");
        var after = NegotiableClauses.apply(before, Map.of("/terms/termination/conditions/0", "一方严重违约且逾期未改正",
                "/terms/personalInformation/recipient/name", "某某科技公司"), JSON);
        assertThat(after.termination().conditions()).containsExactly("一方严重违约且逾期未改正");
        assertThat(after.personalInformation().recipient().name()).isEqualTo("某某科技公司");
        var unchanged = byKey(before);
        var changed = byKey(after);
        List<String> differing = unchanged.keySet().stream()
                .filter(k -> !unchanged.get(k).text().equals(changed.get(k).text())).sorted().toList();
        assertThat(differing).containsExactly("/terms/personalInformation/recipient/name",
                "/terms/termination/conditions/0");
        assertThat(after.sharingMethods()).isEqualTo(before.sharingMethods());
        assertThat(after.payment()).isEqualTo(before.payment());
    }
}

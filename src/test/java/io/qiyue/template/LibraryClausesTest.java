package io.qiyue.template;

import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The library's clauses in a document: filled in, and left out where they fill in to nothing. */
class LibraryClausesTest {
    private static Clause clause(String title, String text) {
        return new Clause(title, Clause.GENERAL, title, text, true, false, 1, null, null, null, null);
    }

    @Test
    void a_clause_for_other_contracts_is_left_out_and_the_numbers_run_on() {
        var model = DocumentModels.of(SampleContracts.contract(ContractType.MAINTENANCE), SampleContracts.customer(),
                SampleContracts.ourEntity());
        var onSite = DocumentModels.withLibrary(model, List.of(
                clause("甲", "{{partyA.name}}应按约定付款。"),
                clause("乙", "{{#partyA.person}}甲方为自然人。{{/partyA.person}}"),
                clause("丙", "{{#maintenance.remote}}远程维护须经同意。{{/maintenance.remote}}")));
        assertThat(onSite.clauses()).extracting(DocumentModel.ClauseText::index, DocumentModel.ClauseText::title,
                        DocumentModel.ClauseText::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "甲", "杭州示例科技有限公司应按约定付款。"),
                        org.assertj.core.groups.Tuple.tuple(2, "丙", "远程维护须经同意。"));
    }

    @Test
    void results_that_belong_to_the_customer_are_not_restricted_by_a_clause() {
        var use = clause("咨询成果的使用", "{{^intellectualProperty.customerOwns}}甲方向第三方提供成果的，应事先取得乙方书面同意。"
                + "{{/intellectualProperty.customerOwns}}乙方应注明数据来源。");
        var contract = SampleContracts.contract(ContractType.CONSULTING);
        // the sample's results belong to 甲方
        var customers = DocumentModels.withLibrary(DocumentModels.of(contract, SampleContracts.customer(),
                SampleContracts.ourEntity()), List.of(use));
        assertThat(customers.clauses().getFirst().text()).isEqualTo("乙方应注明数据来源。");
        var t = contract.terms();
        var unsettled = new io.qiyue.contract.Contract(contract.id(), contract.number(), contract.type(),
                contract.title(), contract.customerId(), contract.customerName(), contract.ourEntityId(),
                contract.owner(), contract.amount(), contract.startDate(), contract.endDate(), contract.autoRenew(),
                contract.renewalNoticeDays(), contract.status(), new io.qiyue.contract.ContractTerms(t.payment(),
                t.rightsAndObligations(), t.breach(), t.dispute(), t.termination(), null,
                t.confidentialityObligations(), t.service(), t.confidentialInformation(), t.confidentialityPeriod(),
                t.maintenance(), t.consulting(), t.sharedInformation(), t.sharingMethods(), t.sharingPeriod(),
                t.personalInformation(), t.signing(), t.notices()), contract.version(), contract.createdAt(),
                contract.createdBy(), contract.updatedAt());
        var open = DocumentModels.withLibrary(DocumentModels.of(unsettled, SampleContracts.customer(),
                SampleContracts.ourEntity()), List.of(use));
        assertThat(open.clauses().getFirst().text()).startsWith("甲方向第三方提供成果的");
    }

    @Test
    void maintenance_is_remote_with_any_method_but_on_site() {
        var sample = DocumentModels.of(SampleContracts.contract(ContractType.MAINTENANCE), null, null);
        // the sample agrees 电话 and 现场
        assertThat(sample.maintenance().remote()).isTrue();
        assertThat(DocumentModels.of(SampleContracts.contract(ContractType.SERVICE), null, null).maintenance()).isNull();
    }
}

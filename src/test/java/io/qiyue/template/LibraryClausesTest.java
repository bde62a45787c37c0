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
    void maintenance_is_remote_with_any_method_but_on_site() {
        var sample = DocumentModels.of(SampleContracts.contract(ContractType.MAINTENANCE), null, null);
        // the sample agrees 电话 and 现场
        assertThat(sample.maintenance().remote()).isTrue();
        assertThat(DocumentModels.of(SampleContracts.contract(ContractType.SERVICE), null, null).maintenance()).isNull();
    }
}

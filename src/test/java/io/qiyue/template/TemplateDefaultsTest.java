package io.qiyue.template;

import io.qiyue.contract.ContractType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateDefaultsTest {

    @Test
    void invertedSectionsWithWordsAreDefaultsOfTheirPart() {
        var defaults = TemplateDefaults.of("""
                {{#dispute}}<p>{{dispute.text}}</p>{{/dispute}}{{^dispute}}<p class="clause">协商不成的，向被告住所地法院起诉。</p>{{/dispute}}
                {{^confidentialityObligations}}  <p> </p> {{/confidentialityObligations}}
                {{^intellectualProperty}}<p>由双方另行书面约定。</p>{{/intellectualProperty}}
                """);
        assertThat(defaults).containsOnlyKeys("/terms/dispute");
        assertThat(defaults.get("/terms/dispute")).isEqualTo("协商不成的，向被告住所地法院起诉。");
    }

    @Test
    void theShippedTemplatesDefaultTheDisputeClauseAndConfidentiality() {
        assertThat(TemplateDefaults.of(DefaultTemplates.body(ContractType.SERVICE)))
                .containsKeys("/terms/dispute", "/terms/confidentialityObligations");
        assertThat(TemplateDefaults.of(DefaultTemplates.body(ContractType.CONFIDENTIALITY)))
                .containsKeys("/terms/dispute", "/terms/confidentialityObligations",
                        "/terms/confidentialInformation/exclusions");
    }
}

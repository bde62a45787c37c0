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
                        "/terms/confidentialInformation/exclusions", "/terms/confidentialityPeriod");
    }

    @Test
    void theWordsPrintedForEveryContractAreUnderTheEmptyPointer() {
        String always = TemplateDefaults.of(DefaultTemplates.body(ContractType.CONFIDENTIALITY)).get("");
        assertThat(always).contains("接收方应在十个工作日内返还或者销毁保密信息及其复制件，并书面确认。", "接收方对保密信息负有下列义务：")
                // printed for some contracts only: a section, nested or not
                .doesNotContain("本协议为单向保密协议", "不得向任何第三方披露、泄露保密信息", "自动续期", "{{", "<", "font",
                        "有下列情形之一的");
        assertThat(TemplateDefaults.of("{{#a}}<p>甲</p>{{^b}}<p>乙</p>{{/b}}{{/a}}<p class=\"clause\">丙</p>"))
                .containsEntry("", "丙");
    }

    @Test
    void anEditedTemplateIsReadAgainWhileAnUnchangedOneIsAnsweredAsBefore() {
        String body = "{{^dispute}}<p>提交杭州仲裁委员会仲裁。</p>{{/dispute}}";
        var first = TemplateDefaults.of(body);
        assertThat(TemplateDefaults.of(new String(body))).isEqualTo(first);
        var edited = TemplateDefaults.of(body.replace("杭州", "上海"));
        assertThat(edited.get("/terms/dispute")).isEqualTo("提交上海仲裁委员会仲裁。");
        assertThat(first.get("/terms/dispute")).isEqualTo("提交杭州仲裁委员会仲裁。");
        for (int i = 0; i < 100; i++) {
            assertThat(TemplateDefaults.of(body + "<!-- " + i + " -->")).isEqualTo(first);
        }
        assertThat(TemplateDefaults.of(body)).isEqualTo(first);
    }
}

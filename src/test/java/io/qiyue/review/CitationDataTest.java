package io.qiyue.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A citation in English names the law and its article in English; in Chinese it stays as the ruleset has it. */
class CitationDataTest {
    @Test
    void articlesAndLawsAreNamedInEnglishForAnEnglishReader() {
        assertThat(CitationData.articleInEnglish("第563条第2款")).isEqualTo("Art. 563 para. 2");
        assertThat(CitationData.articleInEnglish("第511条第4项、第5项")).isEqualTo("Art. 511 item 4, item 5");
        assertThat(CitationData.articleInEnglish("第585条；合同编通则解释第65条"))
                .isEqualTo("Art. 585; SPC Interpretation on Contracts Art. 65");
        assertThat(CitationData.articleInEnglish("第4章、第5章")).isEqualTo("Ch. 4, Ch. 5");
        assertThat(CitationData.articleInEnglish("第五条")).isEqualTo("Art. 5");
        assertThat(CitationData.articleInEnglish("附一 第二条至第五条")).isEqualTo("Annex 1 Art. 2 to Art. 5");
        assertThat(CitationData.articleInEnglish("第十二条")).isEqualTo("Art. 12");

        var citation = new CitationData("民法典", "第558条", "债权债务终止后…", "After the obligations end…");
        assertThat(citation.localised(true)).isEqualTo(new Citation("Civil Code", "Art. 558", "After the obligations end…"));
        assertThat(citation.localised(false)).isEqualTo(new Citation("民法典", "第558条", "债权债务终止后…"));
    }
}

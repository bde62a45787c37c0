package io.qiyue.template;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A tab typed into a contract's text is Word's tab in the DOCX, not a TAB character inside the text. */
class DocxTabsTest {
    private static String bodyXml(String paragraph) throws Exception {
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body>" + paragraph
                + "</body></html>";
        byte[] docx = DocxRenderer.render(Xhtml.parse(xhtml), "QY-1", "t", "乙方", Instant.EPOCH);
        try (var d = new XWPFDocument(new ByteArrayInputStream(docx))) {
            return d.getDocument().getBody().xmlText();
        }
    }

    @Test
    void a_tab_in_preserved_text_is_a_word_tab_in_its_place() throws Exception {
        String xml = bodyXml("<p class=\"clause text\">违约金\t按日计算\n\t第二行</p>");
        assertThat(xml).doesNotContain("\t");
        String runs = xml.replaceAll("<w:rPr>.*?</w:rPr>", "").replaceAll(" xml:space=\"preserve\"", "")
                .replaceAll("\\s+xmlns:\\w+=\"[^\"]*\"", "");
        assertThat(runs).contains("<w:t>违约金</w:t><w:tab/><w:t>按日计算</w:t><w:br/><w:tab/><w:t>第二行</w:t>");
    }

    @Test
    void text_without_tabs_is_written_as_before() throws Exception {
        String xml = bodyXml("<p class=\"clause text\">第一行\n第二行</p>");
        String runs = xml.replaceAll("<w:rPr>.*?</w:rPr>", "").replaceAll(" xml:space=\"preserve\"", "")
                .replaceAll("\\s+xmlns:\\w+=\"[^\"]*\"", "");
        assertThat(runs).contains("<w:t>第一行</w:t><w:br/><w:t>第二行</w:t>");
    }
}

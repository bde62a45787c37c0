package io.qiyue.template;

import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class EmphasisTest {

    @Test
    void boldAndUnderlinedRunsOfADocxArePassages() throws Exception {
        byte[] docx;
        try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            var p = document.createParagraph();
            p.createRun().setText("第九条 责任限制：");
            var bold = p.createRun();
            bold.setBold(true);
            bold.setText("乙方的赔偿责任以本合同总金额为限。");
            var q = document.createParagraph();
            var underlined = q.createRun();
            underlined.setUnderline(UnderlinePatterns.SINGLE);
            underlined.setText("乙方不承担间接损失");
            q.createRun().setText("，但法律另有规定的除外。");
            document.createParagraph().createRun().setText("其他条款不加粗。");
            document.write(out);
            docx = out.toByteArray();
        }
        assertThat(Emphasis.of(docx, TextExtraction.DOCX).split("\n"))
                .containsExactly("乙方的赔偿责任以本合同总金额为限。", "乙方不承担间接损失");
    }

    @Test
    void textSetInABoldFaceOfAPdfIsAPassageAcrossLines() throws Exception {
        byte[] pdf;
        try (var document = new PDDocument();
             var regularStream = EmphasisTest.class.getResourceAsStream("/fonts/NotoSansSC-Regular.ttf");
             var boldStream = EmphasisTest.class.getResourceAsStream("/fonts/NotoSansSC-Bold.ttf")) {
            var regular = PDType0Font.load(document, regularStream, true);
            var bold = PDType0Font.load(document, boldStream, true);
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.newLineAtOffset(60, 700);
                content.setFont(regular, 11);
                content.showText("第九条 责任限制：");
                content.setFont(bold, 11);
                content.showText("乙方的赔偿责任以本合同");
                content.newLineAtOffset(0, -16);
                content.showText("总金额为限。");
                content.setFont(regular, 11);
                content.showText("其他不加粗。");
                content.endText();
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        assertThat(Emphasis.of(pdf, TextExtraction.PDF).split("\n")).containsExactly("乙方的赔偿责任以本合同总金额为限。");
    }

    @Test
    void aDamagedFileHasNoEmphasisRatherThanAnError() {
        assertThat(Emphasis.of("%PDF-1.7 broken".getBytes(), TextExtraction.PDF)).isEmpty();
    }
}

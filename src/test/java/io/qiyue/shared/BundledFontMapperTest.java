package io.qiyue.shared;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BundledFontMapperTest {

    @Test
    void aFontThePdfDoesNotEmbedIsTheBundledOneAndItsTextReadsBack() throws Exception {
        var mapper = new BundledFontMapper();
        assertThat(FontMappers.instance()).isSameAs(mapper);

        var times = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
        assertThat(times.getFontBoxFont().getName()).isEqualTo("LiberationSans");
        assertThat(mapper.getFontBoxFont("Helvetica", null).isFallback()).isFalse();
        assertThat(mapper.getFontBoxFont("SimSun", null).isFallback()).isTrue();
        assertThat(mapper.getCIDFont("SimSun", null, null).getTrueTypeFont().getName()).isEqualTo("LiberationSans");

        byte[] pdf;
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Signed 2026-12-05 10:00 +08:00");
                content.endText();
            }
            document.save(out);
            pdf = out.toByteArray();
        }
        try (var read = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(read)).contains("Signed 2026-12-05 10:00 +08:00");
        }
    }
}

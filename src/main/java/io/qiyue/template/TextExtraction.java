package io.qiyue.template;

import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Text;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

/** Text of an uploaded DOCX or PDF, recognised by its content rather than by its name. */
final class TextExtraction {
    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private TextExtraction() {
    }

    /** The media type of the content, or null if it is neither a PDF nor a DOCX. */
    static String detect(byte[] data) {
        if (data.length >= 5 && Arrays.equals(Arrays.copyOf(data, 5), "%PDF-".getBytes())) {
            return PDF;
        }
        if (data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4
                && new String(data, 0, Math.min(data.length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("word/")) {
            return DOCX;
        }
        return null;
    }

    static String text(byte[] data, String mediaType) {
        try {
            String text;
            if (PDF.equals(mediaType)) {
                try (var pdf = Loader.loadPDF(data)) {
                    text = PdfReflow.reflow(new PDFTextStripper().getText(pdf));
                }
            } else {
                try (var docx = new XWPFDocument(new ByteArrayInputStream(data));
                     var extractor = new XWPFWordExtractor(docx)) {
                    text = extractor.getText();
                }
            }
            return normalise(text);
        } catch (Exception e) {
            throw new InvalidInputException("file", "qiyue.document.unreadable-file", e.getClass().getSimpleName());
        }
    }

    /**
     * One line per paragraph, trimmed, no empty lines, like the rendered text of saved versions; without
     * characters no document (nor PostgreSQL) can carry, which a PDF's text layer may hold.
     */
    static String normalise(String text) {
        var out = new StringBuilder(text.length());
        for (String line : Text.withoutUnrenderable(text).replace("\r", "").split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }
}

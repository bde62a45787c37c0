package io.qiyue.template;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The passages of an uploaded document printed in bold or underlined: how paper marks a standard term
 * "conspicuously" (民法典第496条) for QY-V005. A passage is a run of consecutive emphasised characters, whitespace
 * removed, so that it is found in the extracted text however the lines were broken. Read once at upload and stored
 * beside the text; the original file is not kept.
 */
final class Emphasis {
    /** Shorter runs (a bold "甲方", a heading number) say nothing about a clause. */
    private static final int MIN_LENGTH = 4;
    /** Bounds what one document may store, whatever its formatting. */
    static final int MAX_TOTAL = 200_000;

    private Emphasis() {
    }

    /** The emphasised passages of a PDF or DOCX, one per line; empty when it has none or cannot be read. */
    static String of(byte[] data, String mediaType) {
        try {
            var passages = TextExtraction.PDF.equals(mediaType) ? pdf(data) : docx(data);
            var out = new StringBuilder();
            for (String p : passages) {
                if (p.length() >= MIN_LENGTH && out.length() + p.length() < MAX_TOTAL) {
                    out.append(p).append('\n');
                }
            }
            return out.toString();
        } catch (IOException | RuntimeException unreadable) {
            // the text was read already; without emphasis, QY-V005 only errs on the side of warning
            return "";
        }
    }

    private static List<String> docx(byte[] data) throws IOException {
        var out = new ArrayList<String>();
        try (var docx = new XWPFDocument(new ByteArrayInputStream(data))) {
            for (IBodyElement element : docx.getBodyElements()) {
                collect(element, out);
            }
        }
        return out;
    }

    private static void collect(IBodyElement element, List<String> out) {
        if (element instanceof XWPFParagraph paragraph) {
            var passage = new StringBuilder();
            for (var run : paragraph.getRuns()) {
                boolean emphasised = run.isBold() || (run.getUnderline() != null
                        && run.getUnderline() != UnderlinePatterns.NONE);
                String text = run.text();
                if (emphasised && text != null) {
                    passage.append(compact(text));
                } else if (text != null && !text.isBlank()) {
                    flush(passage, out);
                }
            }
            flush(passage, out);
        } else if (element instanceof XWPFTable table) {
            for (var row : table.getRows()) {
                for (var cell : row.getTableCells()) {
                    cell.getBodyElements().forEach(e -> collect(e, out));
                }
            }
        }
    }

    private static List<String> pdf(byte[] data) throws IOException {
        var out = new ArrayList<String>();
        try (var pdf = Loader.loadPDF(data)) {
            var passage = new StringBuilder();
            var stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        if (bold(p.getFont())) {
                            passage.append(compact(p.getUnicode()));
                        } else if (!p.getUnicode().isBlank()) {
                            flush(passage, out);
                        }
                    }
                }
            };
            stripper.setSortByPosition(true);
            stripper.getText(pdf);
            flush(passage, out);
        }
        return out;
    }

    /** A bold face by its name (NotoSansSC-Bold, SimHei is not) or its descriptor's weight or flag. */
    private static boolean bold(PDFont font) {
        if (font == null) {
            return false;
        }
        String name = font.getName() == null ? "" : font.getName().toLowerCase(Locale.ROOT);
        if (name.contains("bold") || name.contains("black") || name.contains("heavy") || name.contains("semibold")) {
            return true;
        }
        var descriptor = font.getFontDescriptor();
        return descriptor != null && (descriptor.getFontWeight() >= 600 || descriptor.isForceBold());
    }

    private static void flush(StringBuilder passage, List<String> out) {
        if (!passage.isEmpty()) {
            out.add(passage.toString());
            passage.setLength(0);
        }
    }

    /** The text without any whitespace: passages are compared with text whose line breaks differ. */
    static String compact(String text) {
        var sb = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isWhitespace(c) && c != '\u3000').forEach(sb::appendCodePoint);
        return sb.toString();
    }
}

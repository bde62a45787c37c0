package io.qiyue.template;

import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Text;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipInputStream;

/**
 * Text of an uploaded DOCX or PDF, recognised by its content rather than by its name, in bounded work:
 * a DOCX may not unpack to more than {@link #MAX_PARTS} parts or {@link #MAX_UNPACKED_BYTES} (a zip bomb
 * is refused before POI builds its model), a PDF may not have more than {@link #MAX_PAGES} pages nor take
 * longer than {@link #DEADLINE_NANOS} to read, and no file may yield more than {@link #MAX_CHARACTERS}
 * characters (the redline and the review of one paper stay bounded by it).
 */
final class TextExtraction {
    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final int MAX_CHARACTERS = 1_000_000;
    static final int MAX_PARTS = 1_000;
    static final long MAX_UNPACKED_BYTES = 100L * 1024 * 1024;
    static final int MAX_PAGES = 500;
    static final long DEADLINE_NANOS = 10_000_000_000L;

    private TextExtraction() {
    }

    /** The media type of the content, or null if it is neither a PDF nor a DOCX. */
    static String detect(byte[] data) {
        if (data.length >= 5 && Arrays.equals(Arrays.copyOf(data, 5), "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF;
        }
        if (data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4
                && new String(data, 0, Math.min(data.length, 64 * 1024), StandardCharsets.ISO_8859_1)
                .contains("word/")) {
            return DOCX;
        }
        return null;
    }

    /**
     * Whether the PDF opens as {@link #text} opens it, without reading its text: a signed scan is a PDF of images
     * whose pages may hold none.
     */
    static boolean opens(byte[] pdf) {
        try {
            open(pdf).close();
            return true;
        } catch (IOException | RuntimeException damaged) {
            return false;
        }
    }

    /** The number of the contract this system made the PDF for, from its document information; empty for any other. */
    static java.util.Optional<String> contractNumber(byte[] pdf) {
        try (var document = open(pdf)) {
            return java.util.Optional.ofNullable(document.getDocumentInformation()
                    .getCustomMetadataValue(PdfRenderer.CONTRACT_NUMBER)).filter(n -> !n.isBlank());
        } catch (IOException | RuntimeException damaged) {
            return java.util.Optional.empty();
        }
    }

    private static PDDocument open(byte[] pdf) throws IOException {
        return Loader.loadPDF(new RandomAccessReadBuffer(pdf));
    }

    static String text(byte[] data, String mediaType) {
        String text;
        try {
            text = PDF.equals(mediaType) ? pdf(data) : docx(data);
        } catch (IOException | RuntimeException damaged) {
            if (damaged instanceof InvalidInputException refused) {
                throw refused;
            }
            // POI and PDFBox fail in many ways on a damaged file; the reader needs to know only that it is
            throw new InvalidInputException("file", "qiyue.document.damaged");
        }
        return normalise(text);
    }

    private static String pdf(byte[] data) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        try (var pdf = open(data)) {
            int pages = pdf.getNumberOfPages();
            if (pages > MAX_PAGES) {
                throw new InvalidInputException("file", "qiyue.document.too-many-pages", MAX_PAGES);
            }
            var out = new StringBuilder();
            var stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                if (System.nanoTime() - deadline > 0) {
                    throw new InvalidInputException("file", "qiyue.document.too-slow", DEADLINE_NANOS / 1_000_000_000L);
                }
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                out.append(stripper.getText(pdf));
                within(out.length());
            }
            // a sentence may run on across lines and pages: review reads it whole
            return PdfReflow.reflow(out.toString());
        }
    }

    private static String docx(byte[] data) throws IOException {
        unpackedWithinBounds(data);
        try (var docx = new XWPFDocument(new ByteArrayInputStream(data));
             var extractor = new XWPFWordExtractor(docx)) {
            // the body only: headers and footers repeat a number or "第 1 页，共 1 页" (field values Word saved, wrong
            // for any other page), which the redline against our own text would show as changes
            var text = new StringBuilder();
            for (var element : docx.getBodyElements()) {
                extractor.appendBodyElementText(text, element);
                text.append('\n');
                within(text.length());
            }
            return text.toString();
        }
    }

    /** Counts parts and inflated bytes by unpacking, since the sizes a zip declares may lie. */
    private static void unpackedWithinBounds(byte[] data) throws IOException {
        int parts = 0;
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var zip = new ZipInputStream(new ByteArrayInputStream(data))) {
            while (zip.getNextEntry() != null) {
                if (++parts > MAX_PARTS) {
                    throw new InvalidInputException("file", "qiyue.document.too-many-parts", MAX_PARTS);
                }
                for (int n; (n = zip.read(buffer)) > 0; ) {
                    unpacked += n;
                    if (unpacked > MAX_UNPACKED_BYTES) {
                        throw new InvalidInputException("file", "qiyue.document.unpacks-too-large",
                                MAX_UNPACKED_BYTES / (1024 * 1024));
                    }
                }
            }
        }
    }

    private static void within(int characters) {
        if (characters > MAX_CHARACTERS) {
            throw new InvalidInputException("file", "qiyue.document.too-much-text", MAX_CHARACTERS);
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

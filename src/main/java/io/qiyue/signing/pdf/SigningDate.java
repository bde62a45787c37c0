package io.qiyue.signing.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the party's "签署日期：　　年　　月　　日" on the signature page with the day it signed (China time), and, with the
 * signature that concludes the contract, the blank "签订日期：　　年　　月　　日" of the document's head with that day (the
 * contract is made when the last party signs, 民法典第490条), each as a locked annotation of the signature's own
 * revision: the page's content is not rewritten, so earlier signatures stay valid, and the printed date says what the
 * signature dictionary's time says.
 */
final class SigningDate {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String LABEL = "签署日期";
    static final String CONCLUDED_LABEL = "签订日期";

    private SigningDate() {
    }

    /** One character of the page with where it stands (x from the left, baseline from the top). */
    record Glyph(String text, float x, float width, float baselineFromTop, float size) {
    }

    /**
     * Stamps the day the contract was concluded into the head's "签订日期" when the document left it blank (a date the
     * parties wrote into the contract stays as it is); does nothing when the document has no such line.
     */
    static void stampConcluded(PDDocument document, Instant concludedAt) throws IOException {
        for (int index = 0; index < document.getNumberOfPages(); index++) {
            List<Glyph> glyphs = glyphs(document, index);
            for (int i = 0; i + CONCLUDED_LABEL.length() <= glyphs.size(); i++) {
                if (!spells(glyphs, i, CONCLUDED_LABEL)) {
                    continue;
                }
                Glyph label = glyphs.get(i);
                Glyph year = next(glyphs, label, "年", Float.MAX_VALUE);
                Glyph month = year == null ? null : next(glyphs, year, "月", Float.MAX_VALUE);
                Glyph day = month == null ? null : next(glyphs, month, "日", Float.MAX_VALUE);
                if (day == null || written(glyphs, label, day)) {
                    return;
                }
                draw(document, index, label, year, month, day, LocalDate.ofInstant(concludedAt, CHINA),
                        CONCLUDED_LABEL);
                return;
            }
        }
    }

    /** Whether a digit stands between the label and 日 on its line: the date is printed, not left to be filled in. */
    private static boolean written(List<Glyph> glyphs, Glyph label, Glyph day) {
        return glyphs.stream().anyMatch(g -> g.x() > label.x() && g.x() < day.x()
                && Math.abs(g.baselineFromTop() - label.baselineFromTop()) < 2f
                && g.text().codePoints().anyMatch(Character::isDigit));
    }

    /** Stamps the date, or does nothing when the page has no such line in the party's column. */
    static void stamp(PDDocument document, PartySide side, Instant signedAt) throws IOException {
        List<String> own = Seals.headers(side);
        List<String> other = Seals.headers(side == PartySide.PARTY_A ? PartySide.PARTY_B : PartySide.PARTY_A);
        for (int index = document.getNumberOfPages() - 1; index >= 0; index--) {
            List<Glyph> glyphs = glyphs(document, index);
            Glyph header = firstOf(glyphs, own);
            if (header == null) {
                continue;
            }
            Glyph otherHeader = firstOf(glyphs, other);
            // the party's column: from its header to the other party's header (or the page's edge)
            float from = header.x() - 4;
            float to = otherHeader != null && otherHeader.x() > header.x() ? otherHeader.x() - 4 : Float.MAX_VALUE;
            if (otherHeader != null && otherHeader.x() < header.x()) {
                from = header.x() - 4;
            }
            Glyph label = null;
            for (int i = 0; i + LABEL.length() <= glyphs.size(); i++) {
                if (spells(glyphs, i, LABEL) && glyphs.get(i).x() >= from && glyphs.get(i).x() < to
                        && glyphs.get(i).baselineFromTop() > header.baselineFromTop()) {
                    label = glyphs.get(i);
                    break;
                }
            }
            if (label == null) {
                return;
            }
            Glyph year = next(glyphs, label, "年", to);
            Glyph month = year == null ? null : next(glyphs, year, "月", to);
            Glyph day = month == null ? null : next(glyphs, month, "日", to);
            if (day == null) {
                return;
            }
            LocalDate date = LocalDate.ofInstant(signedAt, CHINA);
            draw(document, index, label, year, month, day, date, LABEL);
            return;
        }
    }

    static Glyph firstOf(List<Glyph> glyphs, List<String> markers) {
        for (int i = 0; i < glyphs.size(); i++) {
            for (String marker : markers) {
                if (spells(glyphs, i, marker)) {
                    return glyphs.get(i);
                }
            }
        }
        return null;
    }

    static boolean spells(List<Glyph> glyphs, int at, String word) {
        if (at + word.length() > glyphs.size()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (!glyphs.get(at + k).text().equals(String.valueOf(word.charAt(k)))) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code character} after {@code after} on its line, within the column. */
    private static Glyph next(List<Glyph> glyphs, Glyph after, String character, float to) {
        return glyphs.stream().filter(g -> g.text().equals(character) && g.x() > after.x() && g.x() < to
                        && Math.abs(g.baselineFromTop() - after.baselineFromTop()) < 2f)
                .min((a, b) -> Float.compare(a.x(), b.x())).orElse(null);
    }

    static List<Glyph> glyphs(PDDocument document, int pageIndex) throws IOException {
        var glyphs = new ArrayList<Glyph>();
        var stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition p : positions) {
                    glyphs.add(new Glyph(p.getUnicode(), p.getXDirAdj(), p.getWidthDirAdj(), p.getYDirAdj(),
                            p.getFontSizeInPt()));
                }
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(pageIndex + 1);
        stripper.setEndPage(pageIndex + 1);
        stripper.getText(document);
        return glyphs;
    }

    /** The year, month and day right before 年, 月 and 日, in one locked annotation over the line. */
    private static void draw(PDDocument document, int pageIndex, Glyph label, Glyph year, Glyph month, Glyph day,
                             LocalDate date, String labelText) throws IOException {
        var page = document.getPage(pageIndex);
        PDRectangle box = page.getMediaBox();
        float size = Math.max(8f, label.size());
        float left = label.x() + label.width() * labelText.length() + 2;
        float right = day.x();
        float baseline = box.getUpperRightY() - label.baselineFromTop();
        var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        var stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(right - left, size * 1.6f));
        stream.setResources(new PDResources());
        try (var content = new PDPageContentStream(document, stream)) {
            content.beginText();
            content.setFont(font, size);
            float descent = size * 0.3f;
            String[] parts = {String.valueOf(date.getYear()), String.valueOf(date.getMonthValue()),
                    String.valueOf(date.getDayOfMonth())};
            Glyph[] marks = {year, month, day};
            float x = 0;
            for (int i = 0; i < parts.length; i++) {
                float width = font.getStringWidth(parts[i]) / 1000f * size;
                float target = marks[i].x() - left - width - size * 0.3f;
                content.newLineAtOffset(target - x, i == 0 ? descent : 0);
                content.showText(parts[i]);
                x = target;
            }
            content.endText();
        }
        Seals.addStamp(page, new PDRectangle(box.getLowerLeftX() + left, baseline - size * 0.3f, right - left,
                size * 1.6f), stream, labelText + " " + date);
    }
}

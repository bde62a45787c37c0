package io.qiyue.signing.pdf;

import io.qiyue.shared.CjkFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the person who signed on the party's "法定代表人或授权代表（签字）：" line of the signature page, as
 * "陈建国（电子签名）": the document was frozen before anyone signed, so it leaves the line blank for whoever signs
 * (as on paper), and the electronic signature writes its signer there, in the signature's own revision, as a locked
 * annotation (the page's content is not rewritten, so earlier signatures stay valid). A second signer of the same
 * side goes on the line below. A page without the line in the party's column (a natural person signs under
 * "甲方（签字）", where the name stamp goes) gets nothing; neither does an older document that printed a name after the
 * label on that line, beyond a line of its own below it.
 */
final class SignerLine {
    static final String LABEL = "法定代表人或授权代表（签字）";
    /** How the annotation's /Contents begins: how a later signature of the same side finds the names already there. */
    static final String MARK = "签字 ";
    static final String ELECTRONIC = "（电子签名）";
    /** Dark blue, as a pen's: what was added at signing, beside the black of what was printed. */
    private static final Color INK = new Color(0x1f, 0x3a, 0x93);
    private static final int MOST_LINES = 6;

    private SignerLine() {
    }

    /** Stamps the signer's name for the party, or does nothing when the page has no such line in its column. */
    static void stamp(PDDocument document, PartySide side, String signerName) throws IOException {
        List<String> own = Seals.headers(side);
        List<String> other = Seals.headers(side == PartySide.PARTY_A ? PartySide.PARTY_B : PartySide.PARTY_A);
        for (int index = document.getNumberOfPages() - 1; index >= 0; index--) {
            List<SigningDate.Glyph> glyphs = SigningDate.glyphs(document, index);
            SigningDate.Glyph header = SigningDate.firstOf(glyphs, own);
            if (header == null) {
                continue;
            }
            SigningDate.Glyph otherHeader = SigningDate.firstOf(glyphs, other);
            PDPage page = document.getPage(index);
            PDRectangle box = page.getMediaBox();
            float from = header.x() - 4;
            float to = otherHeader != null && otherHeader.x() > header.x() ? otherHeader.x() - 4
                    : box.getWidth() - 56;
            int at = -1;
            for (int i = 0; i + LABEL.length() <= glyphs.size(); i++) {
                var g = glyphs.get(i);
                if (SigningDate.spells(glyphs, i, LABEL) && g.x() >= from && g.x() < to
                        && g.baselineFromTop() > header.baselineFromTop()) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return;
            }
            SigningDate.Glyph label = glyphs.get(at);
            int last = at + LABEL.length() - 1;
            if (last + 1 < glyphs.size() && List.of("：", ":").contains(glyphs.get(last + 1).text())
                    && Math.abs(glyphs.get(last + 1).baselineFromTop() - label.baselineFromTop()) < 2f) {
                last++;
            }
            SigningDate.Glyph end = glyphs.get(last);
            float afterLabel = end.x() + end.width() + 2;
            boolean printedAfter = glyphs.stream().anyMatch(g -> g.x() >= afterLabel - 1 && g.x() < to
                    && Math.abs(g.baselineFromTop() - label.baselineFromTop()) < 2f && !g.text().isBlank());
            draw(document, page, index, side, label, afterLabel, printedAfter, to, signerName);
            return;
        }
    }

    private static void draw(PDDocument document, PDPage page, int pageIndex, PartySide side, SigningDate.Glyph label,
                             float afterLabel, boolean printedAfter, float to, String signerName) throws IOException {
        PDRectangle box = page.getMediaBox();
        float size = Math.max(8f, label.size());
        float lineHeight = size * 1.6f;
        float descent = size * 0.3f;
        PDFont font = CjkFonts.regularIn(document);
        String text = drawable(signerName) + ELECTRONIC;
        float width = font.getStringWidth(text) / 1000f * size;
        var taken = new ArrayList<PDRectangle>();
        for (PDAnnotation a : page.getAnnotations()) {
            if (a instanceof PDAnnotationRubberStamp && a.getContents() != null && a.getContents().startsWith(MARK)) {
                taken.add(a.getRectangle());
            }
        }
        // on the label's line after it, when it is free and wide enough; else on the lines below, at the label's start
        float x = afterLabel;
        float baseline = label.baselineFromTop();
        boolean placed = !printedAfter && afterLabel + width <= to && free(taken, box, afterLabel, baseline, width,
                lineHeight, descent);
        for (int line = 1; !placed && line <= MOST_LINES; line++) {
            x = label.x();
            baseline = label.baselineFromTop() + line * lineHeight;
            placed = free(taken, box, x, baseline, width, lineHeight, descent) || line == MOST_LINES;
        }
        var stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(width, lineHeight));
        stream.setResources(new PDResources());
        try (var content = new PDPageContentStream(document, stream)) {
            content.setNonStrokingColor(INK);
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(0, descent);
            content.showText(text);
            content.endText();
        }
        Seals.addStamp(page, new PDRectangle(box.getLowerLeftX() + x, box.getUpperRightY() - baseline - descent, width,
                lineHeight), stream, MARK + signerName + ELECTRONIC + " " + (side == PartySide.PARTY_A ? "甲方" : "乙方"));
    }

    /** Whether a name placed there would overlap one already stamped. */
    private static boolean free(List<PDRectangle> taken, PDRectangle box, float x, float baselineFromTop, float width,
                                float lineHeight, float descent) {
        float lowerLeftX = box.getLowerLeftX() + x;
        float lowerLeftY = box.getUpperRightY() - baselineFromTop - descent;
        return taken.stream().noneMatch(r -> lowerLeftX < r.getUpperRightX() && r.getLowerLeftX() < lowerLeftX + width
                && lowerLeftY < r.getUpperRightY() && r.getLowerLeftY() < lowerLeftY + lineHeight);
    }

    /** The name as the documents' font can draw it: '#' for a character it lacks, as the contract's PDF prints it. */
    private static String drawable(String name) {
        var out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(CjkFonts.draws(cp) ? cp : '#');
            }
        });
        return out.toString().strip();
    }
}

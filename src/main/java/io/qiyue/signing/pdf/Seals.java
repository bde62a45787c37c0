package io.qiyue.signing.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationRubberStamp;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a party's seal goes on the signature page, and the seal's pictures: the signature widget's appearance over
 * the party's name, and the 骑缝章 strips at the pages' right edges. Everything is an annotation with its own
 * appearance stream (form XObject) added in the signature's incremental revision: no page content stream is
 * rewritten, so every earlier signature's byte range stays as it was.
 */
final class Seals {
    /** A company seal (公章) is 42 mm across (GA 241); the larger side of the picture gets this size. */
    static final float SEAL_POINTS = 42f / 25.4f * 72f;
    /** A person's name stamp (私章) or signature picture: 22 mm on its larger side, about a name's width. */
    static final float NAME_STAMP_POINTS = 22f / 25.4f * 72f;
    private static final String SEAL_CELL = "（盖章处）";

    /** The seal's centre in the page's user space (PDF points from the lower left). */
    record Spot(int pageIndex, float centreX, float centreY, boolean found) {
    }

    /** A marker's start and end, and the end of the word it is in (for a header: after the party's name). */
    private record Hit(String marker, float x, float endX, float wordEndX, float baselineFromTop) {
    }

    private Seals() {
    }

    static List<String> headers(PartySide side) {
        return side == PartySide.PARTY_A ? List.of("甲方（盖章）", "甲方（签字）") : List.of("乙方（盖章）");
    }

    /**
     * The last page with the party's header on the signature page ("甲方（盖章）", "甲方（签字）", "乙方（盖章）"):
     * in the party's "（盖章处）" cell, centred in the column; for a natural person, whose column has no seal cell,
     * over the name after the header.
     * Without the header, the bottom of the last page, left half for 甲方 and right half for 乙方.
     */
    static Spot locate(PDDocument document, PartySide side, float sealWidth, float sealHeight) throws IOException {
        int pages = document.getNumberOfPages();
        List<String> own = headers(side);
        List<String> other = headers(side == PartySide.PARTY_A ? PartySide.PARTY_B : PartySide.PARTY_A);
        for (int index = pages - 1; index >= 0; index--) {
            List<Hit> hits = find(document, index, own, other);
            Hit header = hits.stream().filter(h -> own.contains(h.marker())).reduce((a, b) -> b).orElse(null);
            if (header == null) {
                continue;
            }
            Hit otherHeader = hits.stream().filter(h -> other.contains(h.marker())).reduce((a, b) -> b).orElse(null);
            Hit cell = null;
            for (Hit h : hits) {
                if (!h.marker().equals(SEAL_CELL) || h.baselineFromTop() <= header.baselineFromTop()) {
                    continue;
                }
                boolean ownColumn = otherHeader == null
                        || Math.abs(h.x() - header.x()) < Math.abs(h.x() - otherHeader.x());
                if (ownColumn && (cell == null || Math.abs(h.x() - header.x()) < Math.abs(cell.x() - header.x()))) {
                    cell = h;
                }
            }
            PDRectangle box = document.getPage(index).getMediaBox();
            float x;
            float yFromTop;
            if (cell != null) {
                // in the middle of the party's column (the two headers start their columns), the seal's top
                // just over the "（盖章处）" mark, as a seal stamped where the template asks for it
                float columnWidth = otherHeader == null ? 2 * (cell.endX() - cell.x())
                        : Math.abs(otherHeader.x() - header.x());
                x = header.x() + columnWidth / 2 - 6;
                yFromTop = cell.baselineFromTop() + sealHeight * 0.38f;
            } else {
                // a natural person's column has no seal cell: the name stamp over the name after the header
                x = Math.max(header.endX(), (header.endX() + header.wordEndX()) / 2);
                yFromTop = header.baselineFromTop() + sealHeight * 0.1f;
            }
            return new Spot(index, clamp(box.getLowerLeftX() + x, box.getLowerLeftX(), box.getUpperRightX(), sealWidth),
                    clamp(box.getUpperRightY() - yFromTop, box.getLowerLeftY(), box.getUpperRightY(), sealHeight), true);
        }
        PDRectangle box = document.getPage(pages - 1).getMediaBox();
        float x = box.getLowerLeftX() + box.getWidth() * (side == PartySide.PARTY_A ? 0.28f : 0.72f);
        return new Spot(pages - 1, x, box.getLowerLeftY() + sealHeight * 0.5f + 72f, false);
    }

    /** Keeps the whole seal on the page. */
    private static float clamp(float centre, float low, float high, float size) {
        return Math.max(low + size / 2, Math.min(high - size / 2, centre));
    }

    private static List<Hit> find(PDDocument document, int pageIndex, List<String> own, List<String> other)
            throws IOException {
        var markers = new ArrayList<String>(own);
        markers.addAll(other);
        markers.add(SEAL_CELL);
        var hits = new ArrayList<Hit>();
        var stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (String marker : markers) {
                    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                        int last = at + marker.length() - 1;
                        // the text and its positions correspond one to one for these CJK characters; skip if not
                        if (last < positions.size()) {
                            TextPosition first = positions.get(at);
                            TextPosition end = positions.get(last);
                            TextPosition wordEnd = positions.getLast();
                            hits.add(new Hit(marker, first.getXDirAdj(), end.getXDirAdj() + end.getWidthDirAdj(),
                                    wordEnd.getXDirAdj() + wordEnd.getWidthDirAdj(), first.getYDirAdj()));
                        }
                    }
                }
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(pageIndex + 1);
        stripper.setEndPage(pageIndex + 1);
        stripper.getText(document);
        return hits;
    }

    /** 42 mm at 300 dpi: sharp in print, and a larger upload does not make every signed file larger. */
    private static final int MAX_PIXELS = 500;

    static PDImageXObject image(PDDocument document, byte[] png) throws IOException {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
        if (picture == null) {
            throw new IllegalArgumentException("the seal is not a readable PNG image");
        }
        // lossless with the alpha channel as a soft mask: the text under the seal shows through as on paper
        return LosslessFactory.createFromImage(document, transparent(scaled(picture)));
    }

    private static BufferedImage scaled(BufferedImage picture) {
        int larger = Math.max(picture.getWidth(), picture.getHeight());
        if (larger <= MAX_PIXELS) {
            return picture;
        }
        int width = Math.max(1, Math.round(picture.getWidth() * (float) MAX_PIXELS / larger));
        int height = Math.max(1, Math.round(picture.getHeight() * (float) MAX_PIXELS / larger));
        var smaller = new BufferedImage(width, height, picture.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = smaller.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(picture, 0, 0, width, height, null);
        g.dispose();
        return smaller;
    }

    /**
     * A scanned seal often comes on white paper without an alpha channel: its white would hide the name under it,
     * so near-white becomes transparent (fading out over the light greys at the seal's anti-aliased edges).
     */
    private static BufferedImage transparent(BufferedImage picture) {
        if (picture.getColorModel().hasAlpha()) {
            return picture;
        }
        var result = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int rgb = picture.getRGB(x, y);
                int lightest = Math.min((rgb >> 16) & 0xff, Math.min((rgb >> 8) & 0xff, rgb & 0xff));
                int alpha = lightest >= 240 ? 0 : lightest <= 180 ? 255 : (240 - lightest) * 255 / 60;
                result.setRGB(x, y, alpha << 24 | (rgb & 0xffffff));
            }
        }
        return result;
    }

    /**
     * Width and height in points: the larger side is {@link #SEAL_POINTS} for an organisation's seal,
     * {@link #NAME_STAMP_POINTS} for a person signing for no organisation.
     */
    static float[] size(PDImageXObject image, boolean person) {
        float scale = (person ? NAME_STAMP_POINTS : SEAL_POINTS) / Math.max(image.getWidth(), image.getHeight());
        return new float[]{image.getWidth() * scale, image.getHeight() * scale};
    }

    /**
     * A form XObject of width × height showing the seal picture moved left by offsetX, clipped by its bounding
     * box: the whole seal with offset 0, one 骑缝章 strip otherwise.
     */
    static PDAppearanceStream appearance(PDDocument document, PDImageXObject image, float sealWidth, float sealHeight,
                                         float offsetX, float width) throws IOException {
        var stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(width, sealHeight));
        stream.setResources(new PDResources());
        try (var content = new PDPageContentStream(document, stream)) {
            content.drawImage(image, -offsetX, 0, sealWidth, sealHeight);
        }
        return stream;
    }

    /**
     * 骑缝章: strip i of N (left to right) at the right edge of page i, flush with the edge; 甲方's above the middle
     * of the page and 乙方's below, so that the two parties' strips never overlap. Seen with the pages fanned out,
     * the strips join into the seal.
     */
    static void stampPagingSeal(PDDocument document, PDImageXObject image, float[] size, PartySide side,
                                String signerName) throws IOException {
        int pages = document.getNumberOfPages();
        if (pages < 2) {
            return;
        }
        float strip = size[0] / pages;
        for (int i = 0; i < pages; i++) {
            PDPage page = document.getPage(i);
            PDRectangle box = page.getMediaBox();
            float middle = box.getLowerLeftY() + box.getHeight() / 2;
            float centre = middle + (side == PartySide.PARTY_A ? 0.75f : -0.75f) * size[1];
            addStamp(page, new PDRectangle(box.getUpperRightX() - strip, centre - size[1] / 2, strip, size[1]),
                    appearance(document, image, size[0], size[1], i * strip, strip),
                    "骑缝章 " + signerName + " " + (i + 1) + "/" + pages);
        }
    }

    /**
     * A printed, locked, read-only stamp showing {@code appearance} in {@code rectangle} of the page, its
     * {@code contents} what a reader of the annotations (and this module's own look-ups) finds: a seam seal's part,
     * a signer's name on their line, a signing date.
     */
    static void addStamp(PDPage page, PDRectangle rectangle, PDAppearanceStream appearance,
                         String contents) throws IOException {
        var stamp = new PDAnnotationRubberStamp();
        stamp.setRectangle(rectangle);
        var appearances = new PDAppearanceDictionary();
        appearances.setNormalAppearance(appearance);
        stamp.setAppearance(appearances);
        stamp.setPrinted(true);
        stamp.setLocked(true);
        stamp.setReadOnly(true);
        stamp.setContents(contents);
        stamp.setPage(page);
        addAnnotation(page, stamp);
    }

    /**
     * Appends to the page's /Annots, written as a direct array of the page dictionary in this revision (as PDFBox
     * does for the signature widget): an indirect array marked as updated would be taken for a change by readers.
     */
    static void addAnnotation(PDPage page, PDAnnotation annotation) throws IOException {
        List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
        annotations.add(annotation);
        page.setAnnotations(annotations);
        page.getCOSObject().setNeedToBeUpdated(true);
    }
}

package io.qiyue.signing;

import io.qiyue.shared.InvalidInputException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Seal images (印章图片): the check and normalisation of an uploaded seal, and two generated ones (a personal
 * name stamp and a round company seal) for demo data and for entities without an uploaded seal.
 * <p>
 * Every stored seal is an RGBA PNG re-encoded here: re-encoding drops whatever metadata (EXIF, text chunks,
 * ICC profiles) the upload carried, and a transparent background lets the seal lie over the signature line the
 * way ink does.
 * <p>
 * <b>Background removal.</b> A PNG whose alpha channel is really used (at least 1% of its pixels not opaque)
 * is kept as it is. Anything else (a JPEG, an opaque PNG) is treated as ink on paper: the lightest tones
 * (every channel at or above {@value #PAPER_WHITE}, a scan's slightly grey paper included) become white, and
 * white is then turned into transparency the way a stamp pad's ink would be lifted off the paper: each pixel's
 * alpha is how far it is from white, and its colour the ink that, laid over white at that alpha, gives the
 * pixel. Anti-aliased pink edges thus become a red of partial alpha instead of a pink fringe.
 * <p>
 * <b>What cannot be a seal.</b> After that, the image is refused as "background cannot be removed" when fewer
 * than {@value #MIN_TRANSPARENT_PERCENT}% of its pixels are (nearly) transparent, or when more than
 * {@value #MAX_OPAQUE_OTHER_PERCENT}% are opaque and not red. A seal is red ink with paper around and between
 * its strokes, and even a 阴文 stamp (white characters cut out of a red square) is opaque but red; a photograph
 * of a seal on a desk, or of anything else, is mostly opaque in other colours.
 */
public final class SealImages {
    /** Upload limit: a seal scanned at 600 dpi is far below it. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_SIDE = 4096;
    public static final int MIN_SIDE = 64;

    static final int PAPER_WHITE = 220;
    static final int MIN_TRANSPARENT_PERCENT = 10;
    static final int MAX_OPAQUE_OTHER_PERCENT = 50;
    /** The ink of generated seals: the orange-leaning red of 印泥 rather than a screen's pure red. */
    static final Color SEAL_RED = new Color(214, 30, 38);

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private SealImages() {
    }

    /**
     * The upload checked and normalised to an RGBA PNG with a transparent background; refuses with a 400
     * naming the field {@code file} and the reason. {@code fileName} (the client's name for the file, may be null)
     * is deliberately not consulted: a GIF renamed {@code seal.png} is a GIF, and the messages say what the
     * content is rather than repeat the name.
     */
    public static byte[] normalise(byte[] upload, String fileName) {
        if (upload == null || upload.length == 0) {
            throw refused("qiyue.seal.file.empty");
        }
        if (upload.length > MAX_BYTES) {
            throw refused("qiyue.seal.file.too-large", String.format(Locale.ROOT, "%.1f", upload.length / 1048576.0));
        }
        String format = format(upload);
        if (format == null) {
            String seems = describe(upload);
            throw seems == null ? refused("qiyue.seal.file.not-image") : refused("qiyue.seal.file.type", seems);
        }
        BufferedImage decoded = decode(upload, format);
        BufferedImage rgba = toRgba(decoded);
        if (!usesAlpha(rgba)) {
            liftOffWhite(rgba);
        }
        if (!looksLikeASeal(rgba)) {
            throw refused("qiyue.seal.file.background");
        }
        if (!visible(rgba)) {
            throw refused("qiyue.seal.file.blank");
        }
        return png(rgba);
    }

    /**
     * Whether anything would show once stamped: at least 1% of the pixels clearly opaque and not white. A blank
     * or white image would leave a signed contract without a visible seal while the record says one was used.
     */
    private static boolean visible(BufferedImage rgba) {
        long shown = 0;
        long total = (long) rgba.getWidth() * rgba.getHeight();
        for (int y = 0; y < rgba.getHeight(); y++) {
            for (int x = 0; x < rgba.getWidth(); x++) {
                int argb = rgba.getRGB(x, y);
                int alpha = argb >>> 24;
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                if (alpha > 96 && Math.min(r, Math.min(g, b)) < 200) {
                    shown++;
                }
            }
        }
        return shown * 100 >= total;
    }

    /** "png", "jpeg" or null, from the leading bytes. */
    static String format(byte[] content) {
        if (startsWith(content, PNG_MAGIC)) {
            return "png";
        }
        if (content.length >= 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8
                && (content[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        return null;
    }

    /** What a refused file seems to be (null: nothing known), so that the message can say "this is a GIF" rather than only "no". */
    private static String describe(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 256), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("gif8")) {
            return "GIF";
        }
        if (head.startsWith("%pdf")) {
            return "PDF";
        }
        if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
            return "SVG";
        }
        if (head.startsWith("bm")) {
            return "BMP";
        }
        if (head.startsWith("riff") && head.length() > 12 && head.startsWith("webp", 8)) {
            return "WebP";
        }
        if (head.startsWith("ii*") || head.startsWith("mm")) {
            return "TIFF";
        }
        return null;
    }

    /**
     * Decodes after checking the dimensions the header declares: a small file may declare 100,000 × 100,000
     * pixels (a decompression bomb), and decoding it would allocate tens of gigabytes before failing.
     * A truncated or damaged file is refused, not decoded into a half-grey picture: the JPEG reader reports a
     * premature end only as a warning, which is treated as the failure it is.
     */
    private static BufferedImage decode(byte[] content, String format) {
        var readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        // in memory: the upload is at most 2 MiB, and ImageIO's default file cache would write it to disk
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(input, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw refused("qiyue.seal.file.damaged");
            }
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw refused("qiyue.seal.file.dimensions-large", width, height, MAX_SIDE);
            }
            if (width < MIN_SIDE || height < MIN_SIDE) {
                throw refused("qiyue.seal.file.dimensions-small", width, height, MIN_SIDE);
            }
            var warned = new boolean[1];
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    warned[0] = true;
                }
            });
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IIOException e) {
                throw refused("qiyue.seal.file.damaged");
            } catch (IOException | RuntimeException e) {
                // e.g. a CMYK JPEG, which ImageIO cannot convert, or a broken chunk the reader trips over
                throw refused("qiyue.seal.file.damaged");
            }
            if (warned[0] || image == null) {
                throw refused("qiyue.seal.file.damaged");
            }
            return image;
        } catch (IOException e) {
            throw refused("qiyue.seal.file.damaged");
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage toRgba(BufferedImage image) {
        var rgba = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = rgba.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgba;
    }

    /** Whether the alpha channel is really used: a PNG saved with an alpha channel but opaque all over is not transparent. */
    static boolean usesAlpha(BufferedImage rgba) {
        int w = rgba.getWidth();
        int h = rgba.getHeight();
        long seeThrough = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((rgba.getRGB(x, y) >>> 24) < 250) {
                    seeThrough++;
                }
            }
        }
        return seeThrough * 100 >= (long) w * h;
    }

    /** Paper to transparency, ink kept (see the class comment). */
    private static void liftOffWhite(BufferedImage rgba) {
        int w = rgba.getWidth();
        int h = rgba.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = rgba.getRGB(x, y);
                // brighten so that paper at PAPER_WHITE or lighter is pure white
                int r = Math.min(255, ((argb >> 16) & 0xff) * 255 / PAPER_WHITE);
                int g = Math.min(255, ((argb >> 8) & 0xff) * 255 / PAPER_WHITE);
                int b = Math.min(255, (argb & 0xff) * 255 / PAPER_WHITE);
                int alpha = 255 - Math.min(r, Math.min(g, b));
                if (alpha == 0) {
                    rgba.setRGB(x, y, 0);
                    continue;
                }
                // the ink colour c that over white at this alpha gives the pixel: p = a*c + (1-a)*255
                r = unblend(r, alpha);
                g = unblend(g, alpha);
                b = unblend(b, alpha);
                rgba.setRGB(x, y, alpha << 24 | r << 16 | g << 8 | b);
            }
        }
    }

    private static int unblend(int channel, int alpha) {
        int c = (channel * 255 - (255 - alpha) * 255) / alpha;
        return Math.max(0, Math.min(255, c));
    }

    static boolean looksLikeASeal(BufferedImage rgba) {
        int w = rgba.getWidth();
        int h = rgba.getHeight();
        long transparent = 0;
        long opaqueOther = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = rgba.getRGB(x, y);
                int a = argb >>> 24;
                if (a < 32) {
                    transparent++;
                } else if (a >= 128 && !reddish(argb)) {
                    opaqueOther++;
                }
            }
        }
        long all = (long) w * h;
        return transparent * 100 >= all * MIN_TRANSPARENT_PERCENT && opaqueOther * 100 <= all * MAX_OPAQUE_OTHER_PERCENT;
    }

    static boolean reddish(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return r >= 96 && r - g >= 48 && r - b >= 48;
    }

    static byte[] png(BufferedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InvalidInputException refused(String code, Object... args) {
        return new InvalidInputException("file", code, args);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- generated seals

    /**
     * A personal name stamp (名章): a red square frame with the name in it, on a transparent background.
     * Two CJK characters stand side by side as two tall columns, three put the surname alone in the right
     * column and the given name in the left, four fill a 2×2 grid; columns read from right to left and top
     * to bottom, as seal script does. Anything else (a Latin name) is one line across the middle.
     */
    public static byte[] nameStamp(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name stamp needs a name");
        }
        String text = name.strip();
        int size = 320;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas(image);
        try {
            float border = size * 0.07f;
            g.setStroke(new BasicStroke(border));
            g.draw(new Rectangle2D.Float(border / 2 + 4, border / 2 + 4, size - border - 8, size - border - 8));
            float inner = border + 4 + size * 0.05f;
            var box = new Rectangle2D.Float(inner, inner, size - 2 * inner, size - 2 * inner);
            int[] cps = text.codePoints().toArray();
            boolean cjk = cps.length >= 2 && cps.length <= 4 && text.codePoints().allMatch(SealImages::isCjk);
            if (!cjk) {
                fitText(g, text, new Rectangle2D.Float(box.x, box.y + box.height * 0.3f, box.width, box.height * 0.4f),
                        false);
            } else {
                float gap = box.width * 0.06f;
                float colW = (box.width - gap) / 2;
                float right = box.x + colW + gap;
                float left = box.x;
                String[] c = text.codePoints().mapToObj(Character::toString).toArray(String[]::new);
                if (c.length == 2) {
                    cell(g, c[0], right, box.y, colW, box.height);
                    cell(g, c[1], left, box.y, colW, box.height);
                } else {
                    float rowH = (box.height - gap) / 2;
                    float top = box.y;
                    float bottom = box.y + rowH + gap;
                    if (c.length == 3) {
                        cell(g, c[0], right, box.y, colW, box.height);
                    } else {
                        cell(g, c[0], right, top, colW, rowH);
                        cell(g, c[1], right, bottom, colW, rowH);
                    }
                    cell(g, c[c.length - 2], left, top, colW, rowH);
                    cell(g, c[c.length - 1], left, bottom, colW, rowH);
                }
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /**
     * A round company seal in the usual form of Chinese company seals: a red ring, a five-pointed star in the
     * middle, the organisation's name along the upper arc read clockwise from the lower left, and the kind of
     * seal (e.g. 合同专用章) straight below the star. It is a picture for demonstration and preview only:
     * a company's real seal is registered with the public security bureau and uploaded as an image.
     */
    public static byte[] companySeal(String organisation, String kindLabel) {
        if (organisation == null || organisation.isBlank()) {
            throw new IllegalArgumentException("a company seal needs the organisation's name");
        }
        int size = 420;
        float c = size / 2f;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas(image);
        try {
            float ring = size * 0.032f;
            float outer = c - ring / 2 - 6;
            g.setStroke(new BasicStroke(ring));
            g.draw(new Ellipse2D.Float(c - outer, c - outer, 2 * outer, 2 * outer));

            g.fill(star(c, c, size * 0.135f));

            String[] chars = organisation.strip().codePoints().mapToObj(Character::toString).toArray(String[]::new);
            int n = chars.length;
            // the arc widens with the name, up to 250°; the characters get narrower past what the arc holds
            double span = Math.toRadians(Math.min(250, Math.max(120, n * 21)));
            float textRadius = outer - ring / 2 - size * 0.095f;
            float charHeight = size * 0.125f;
            double perChar = span / n;
            float charWidth = (float) Math.min(charHeight * 0.95, perChar * textRadius * 0.92);
            for (int i = 0; i < n; i++) {
                double angle = -span / 2 + perChar * (i + 0.5);
                var at = new AffineTransform();
                at.translate(c, c);
                at.rotate(angle);
                at.translate(0, -textRadius);
                g.fill(at.createTransformedShape(arcCharacter(g, chars[i], charWidth, charHeight)));
            }

            if (kindLabel != null && !kindLabel.isBlank()) {
                float labelWidth = size * 0.44f;
                float labelHeight = size * 0.085f;
                fitText(g, kindLabel.strip(), new Rectangle2D.Float(c - labelWidth / 2, c + size * 0.19f,
                        labelWidth, labelHeight), true);
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /**
     * One character of the arc, centred on the origin, sized by the font's em square rather than by its own
     * outline: punctuation such as （ ） and flat characters such as 一 keep their natural size and place
     * instead of being blown up to a full character. Narrowed, never widened, when the arc is crowded.
     */
    private static Shape arcCharacter(Graphics2D g, String character, float width, float height) {
        float em = height / 0.9f; // a CJK ideograph covers about nine tenths of the em square
        var vector = BoldFont.FONT.deriveFont(em).createGlyphVector(g.getFontRenderContext(), character);
        double advance = vector.getGlyphMetrics(0).getAdvanceX();
        var at = new AffineTransform();
        at.scale(Math.min(1.0, width / advance), 1.0);
        // the ideographic em box runs from 0.88 em above the baseline to 0.12 em below: its middle is 0.38 em up
        at.translate(-advance / 2, 0.38 * em);
        return at.createTransformedShape(vector.getOutline());
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(SEAL_RED);
        return g;
    }

    private static Shape star(float cx, float cy, float radius) {
        var path = new Path2D.Float();
        float inner = radius * 0.382f;
        for (int i = 0; i < 10; i++) {
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            float r = i % 2 == 0 ? radius : inner;
            float x = (float) (cx + r * Math.cos(angle));
            float y = (float) (cy + r * Math.sin(angle));
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /** One character filling a cell of the name stamp, as seal characters fill their space. */
    private static void cell(Graphics2D g, String character, float x, float y, float w, float h) {
        g.fill(glyph(g, character, new Rectangle2D.Float(x, y, w, h)));
    }

    /** A line of text fitted into {@code box}: scaled to its height, narrowed (never widened past its natural width) to its width. */
    private static void fitText(Graphics2D g, String text, Rectangle2D.Float box, boolean keepProportion) {
        Shape outline = outline(g, text);
        Rectangle2D b = outline.getBounds2D();
        double scaleY = box.height / b.getHeight();
        double scaleX = Math.min(scaleY, box.width / b.getWidth());
        if (!keepProportion) {
            scaleX = Math.min(scaleY * 1.2, box.width / b.getWidth());
        }
        double width = b.getWidth() * scaleX;
        var at = new AffineTransform();
        at.translate(box.x + (box.width - width) / 2, box.y);
        at.scale(scaleX, scaleY);
        at.translate(-b.getX(), -b.getY());
        g.fill(at.createTransformedShape(outline));
    }

    /**
     * The outline of a character stretched to fill {@code box} (seal characters fill their cell edge to edge);
     * centred, and kept within 1.9 times its natural proportions so that it is not drawn out beyond recognition.
     */
    private static Shape glyph(Graphics2D g, String character, Rectangle2D.Float box) {
        Shape outline = outline(g, character);
        Rectangle2D b = outline.getBounds2D();
        double sx = box.width / b.getWidth();
        double sy = box.height / b.getHeight();
        sx = Math.min(sx, sy * 1.9);
        sy = Math.min(sy, sx * 1.9);
        var at = new AffineTransform();
        at.translate(box.x + (box.width - b.getWidth() * sx) / 2, box.y + (box.height - b.getHeight() * sy) / 2);
        at.scale(sx, sy);
        at.translate(-b.getX(), -b.getY());
        return at.createTransformedShape(outline);
    }

    private static Shape outline(Graphics2D g, String text) {
        FontRenderContext frc = g.getFontRenderContext();
        return BoldFont.FONT.deriveFont(200f).createGlyphVector(frc, text).getOutline();
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN;
    }

    /** The bundled bold CJK font, read on first use (10 MB: not at start-up, and only once). */
    private static final class BoldFont {
        static final Font FONT = load();

        private static Font load() {
            try {
                return Font.createFont(Font.TRUETYPE_FONT,
                        new java.io.ByteArrayInputStream(io.qiyue.shared.CjkFonts.boldBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("unreadable font /fonts/NotoSansSC-Bold.ttf", e);
            }
        }
    }
}

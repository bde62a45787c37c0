package io.qiyue.shared;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The embedded Noto Sans SC (regular and bold) for every PDF Qiyue writes: contracts, evidence reports, audit
 * exports. The files are read once, on first use, not at start-up. Parsed fonts are pooled because a PDFBox font
 * must not be used by two documents being written at once: {@link #borrow()} one, {@link #giveBack} it after.
 */
public final class CjkFonts {
    /** The CSS family name the renderers register the fonts under. */
    public static final String FAMILY = "Noto Sans SC";

    private static final ConcurrentLinkedQueue<Parsed> POOL = new ConcurrentLinkedQueue<>();
    private static volatile byte[] regular;
    private static volatile byte[] bold;

    private CjkFonts() {
    }

    /** One parsed pair, for one document at a time. */
    public record Parsed(TrueTypeFont regular, TrueTypeFont bold) {
    }

    public static Parsed borrow() {
        Parsed fonts = POOL.poll();
        if (fonts != null) {
            return fonts;
        }
        try {
            return new Parsed(parse(regularBytes()), parse(boldBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void giveBack(Parsed fonts) {
        POOL.offer(fonts);
    }

    private static TrueTypeFont parse(byte[] data) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(data));
        // no glyph substitution: PDFBox would join "ff" and "fi" into ligatures, and a hash or an e-mail address
        // copied out of the PDF would then no longer be the text (the CJK text needs no substitution)
        font.setEnableGsub(false);
        return font;
    }

    public static byte[] regularBytes() {
        if (regular == null) {
            regular = read("/fonts/NotoSansSC-Regular.ttf");
        }
        return regular;
    }

    public static byte[] boldBytes() {
        if (bold == null) {
            bold = read("/fonts/NotoSansSC-Bold.ttf");
        }
        return bold;
    }

    private static byte[] read(String resource) {
        try (InputStream in = CjkFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing font " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

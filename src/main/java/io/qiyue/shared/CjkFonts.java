package io.qiyue.shared;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The embedded Noto Sans SC (regular and bold) for every PDF Qiyue writes: contracts, evidence reports, audit
 * exports. The files are read on first use, not at start-up, once per parsed pair. Parsed fonts are pooled because
 * a PDFBox font must not be used by two documents being written at once: {@link #borrow()} one, {@link #giveBack}
 * it after.
 * <p>
 * The pool is bounded: a parsed font holds its own copy of the file, its glyph table and its character maps (tens of
 * thousands of boxed integers; the largest share of the heap left after a full GC in bench/speed.sh), and an
 * unbounded pool keeps as many pairs as PDFs were ever written at the same time. Writing a PDF is CPU work, so more
 * documents being written at once than there are processors (at least two) makes none of them sooner: a writer
 * beyond that waits for a pair.
 * No writer borrows a second pair while holding one.
 */
public final class CjkFonts {
    /** The CSS family name the renderers register the fonts under. */
    public static final String FAMILY = "Noto Sans SC";

    private static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Semaphore LENT = new Semaphore(POOL_SIZE);
    private static final ConcurrentLinkedQueue<Parsed> POOL = new ConcurrentLinkedQueue<>();

    private CjkFonts() {
    }

    /** One parsed pair, for one document at a time. */
    public record Parsed(TrueTypeFont regular, TrueTypeFont bold) {
    }

    /** A pair for one document; waits while as many documents as the pool holds pairs are being written. */
    public static Parsed borrow() {
        LENT.acquireUninterruptibly();
        Parsed fonts = POOL.poll();
        if (fonts != null) {
            return fonts;
        }
        try {
            return new Parsed(parse(regularBytes()), parse(boldBytes()));
        } catch (IOException | RuntimeException e) {
            LENT.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public static void giveBack(Parsed fonts) {
        POOL.offer(fonts);
        LENT.release();
    }

    private static TrueTypeFont parse(byte[] data) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(data));
        // no glyph substitution: PDFBox would join "ff" and "fi" into ligatures, and a hash or an e-mail address
        // copied out of the PDF would then no longer be the text (the CJK text needs no substitution)
        font.setEnableGsub(false);
        return font;
    }

    /**
     * The regular font file, read from the class path each time: it is needed only to parse a pair for the pool
     * (at most once per pair) and kept nowhere else, because each parsed font holds its own copy of the file anyway
     * and the 21 MB of both files stayed in the heap for nothing.
     */
    public static byte[] regularBytes() {
        return read("/fonts/NotoSansSC-Regular.ttf");
    }

    /** The bold font file, read as {@link #regularBytes} is. */
    public static byte[] boldBytes() {
        return read("/fonts/NotoSansSC-Bold.ttf");
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

package io.qiyue.shared;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapSubtable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The embedded Noto Sans SC (regular and bold) for every PDF Qiyue writes: contracts, evidence reports, audit
 * exports. Both files are read and parsed once, on first use (not at start-up), and the parsed pair is shared by
 * every document being written.
 * <p>
 * Sharing is safe because FontBox 3 reads a parsed font only under its own locks (a glyph under the stream's lock,
 * table bytes under the table lock) and PDFBox itself shares parsed fonts between threads (its font mapper's cache
 * and last-resort font). The one unguarded step, reading a table on first access, is done here before the pair is
 * published. Each document builds its own {@code PDType0Font} (subset, widths, ToUnicode) on top of the pair.
 * A parsed font holds its glyph table, glyph offsets and character maps (some 10 MB each; FontBox's ordinary parse
 * also keeps a copy of the whole file, which is avoided: {@link #parseFromFile}): a pair per concurrent writer kept
 * that much more in the heap per writer.
 * <p>
 * Every PDF is written by {@link #write} on one of a few platform threads, as many as there are processors (at least
 * two): writing a PDF is CPU work and holds the document's pages in memory, so more writers than processors makes
 * none of them sooner and only fills the heap; a writer beyond that waits. They are platform threads because the
 * JDK gives a buffered writer on a virtual thread a small buffer that it then grows by exactly what each write
 * needs, copying it each time: PDFBox's ToUnicode maps took six times longer on a virtual thread.
 */
public final class CjkFonts {
    /** The CSS family name the renderers register the fonts under. */
    public static final String FAMILY = "Noto Sans SC";

    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("pdf-writer-", 1).daemon(true).factory());
    private static final String REGULAR = "/fonts/NotoSansSC-Regular.ttf";
    private static final String BOLD = "/fonts/NotoSansSC-Bold.ttf";
    private static final Object PARSING = new Object();
    private static volatile Parsed parsed;

    private CjkFonts() {
    }

    /** The parsed pair. */
    public record Parsed(TrueTypeFont regular, TrueTypeFont bold) {
    }

    /** The writing of one PDF with the shared fonts: its own document, fonts loaded into it, the bytes returned. */
    @FunctionalInterface
    public interface PdfWriting<T> {
        T write(Parsed fonts) throws IOException;
    }

    /**
     * Writes one PDF on a PDF writer thread and returns what it returned; waits while as many PDFs as processors are
     * being written. A failure is the writer's own (an {@link IOException} unchecked).
     */
    public static <T> T write(PdfWriting<T> writing) {
        Future<T> written = WRITERS.submit(() -> writing.write(shared()));
        try {
            return written.get();
        } catch (InterruptedException e) {
            written.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a PDF was written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** What is set on a written document after its layout and before it is saved (title, dates, identifier). */
    @FunctionalInterface
    public interface Finishing {
        void finish(PDDocument pdf) throws IOException;

        Finishing NOTHING = pdf -> {
        };
    }

    /**
     * Writes one HTML page as a PDF ({@link #write}) with the shared fonts embedded as subsets under {@link #FAMILY}:
     * the regular at weight 400 and, when {@code bold}, the bold at 700. Nothing is fetched while rendering (no URI
     * resolves) unless {@code content}, which gives the page, sets a resolver of its own; {@code finishing} runs after
     * the layout, which fills the document information from the page's title only.
     */
    public static byte[] writeHtml(boolean bold, Consumer<PdfRendererBuilder> content, Finishing finishing) {
        return write(fonts -> {
            try (var pdf = new PDDocument(); var out = new ByteArrayOutputStream(64 * 1024)) {
                var builder = new PdfRendererBuilder();
                builder.useFastMode();
                builder.usePDDocument(pdf);
                builder.useFont(new PDFontSupplier(PDType0Font.load(pdf, fonts.regular(), true)), FAMILY, 400,
                        BaseRendererBuilder.FontStyle.NORMAL, true);
                if (bold) {
                    builder.useFont(new PDFontSupplier(PDType0Font.load(pdf, fonts.bold(), true)), FAMILY, 700,
                            BaseRendererBuilder.FontStyle.NORMAL, true);
                }
                builder.useUriResolver((base, uri) -> null);
                builder.withProducer("Qiyue");
                content.accept(builder);
                try (var renderer = builder.buildPdfRenderer()) {
                    renderer.layout();
                    renderer.createPDFWithoutClosing();
                }
                finishing.finish(pdf);
                pdf.save(out);
                return out.toByteArray();
            }
        });
    }

    /**
     * The regular font embedded as a subset in a document written elsewhere (a signature's appearance that names the
     * signer, added to a signed PDF in its own revision): built on the shared parsed font, as every PDF written here
     * is. Characters it cannot draw ({@link #draws}) must be left out of what is shown with it.
     */
    public static PDType0Font regularIn(PDDocument document) throws IOException {
        return PDType0Font.load(document, shared().regular(), true);
    }

    private static volatile org.apache.fontbox.ttf.CmapLookup glyphs;

    /**
     * Whether the documents' font draws the character: it lacks the rarest Han characters (CJK Extension B and
     * later) and emoji, which a PDF then prints as '#'. Parses the fonts on first use, as a PDF does.
     */
    public static boolean draws(int codePoint) {
        var lookup = glyphs;
        if (lookup == null) {
            try {
                lookup = shared().regular().getUnicodeCmapLookup();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            glyphs = lookup;
        }
        return lookup.getGlyphId(codePoint) != 0;
    }

    private static Parsed shared() {
        Parsed fonts = parsed;
        if (fonts != null) {
            return fonts;
        }
        synchronized (PARSING) {
            if (parsed == null) {
                try {
                    parsed = new Parsed(parse(REGULAR), parse(BOLD));
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // not kept: the next writer tries again
                }
            }
            return parsed;
        }
    }

    private static TrueTypeFont parse(String resource) throws IOException {
        TrueTypeFont font = FROM_FILE != null ? parseFromFile(resource) : null;
        if (font == null) {
            font = new TTFParser().parse(new RandomAccessReadBuffer(read(resource)));
        }
        // no glyph substitution: PDFBox would join "ff" and "fi" into ligatures, and a hash or an e-mail address
        // copied out of the PDF would then no longer be the text (the CJK text needs no substitution)
        font.setEnableGsub(false);
        readEveryTable(font);
        keepOnlyTheCharacterMapInUse(font);
        return font;
    }

    /**
     * FontBox's public {@code TTFParser.parse} copies the whole file into the heap and keeps the copy for as long as
     * the font lives (10 MB per font, on top of the glyph table it copies again). Its parser also reads a font
     * from a stream that reads the file as it goes — what it does for a font's headers — but only through a method
     * it keeps to its package, reached here by reflection; without it (another FontBox) the font is parsed from
     * the heap as before, and {@code CjkFontsTest} says so.
     */
    private record ParserFromFile(java.lang.reflect.Constructor<?> unbufferedStream, java.lang.reflect.Method parse) {
    }

    private static final ParserFromFile FROM_FILE = parserFromFile();

    private static ParserFromFile parserFromFile() {
        try {
            Class<?> stream = Class.forName("org.apache.fontbox.ttf.TTFDataStream");
            var unbuffered = Class.forName("org.apache.fontbox.ttf.RandomAccessReadUnbufferedDataStream")
                    .getDeclaredConstructor(org.apache.pdfbox.io.RandomAccessRead.class);
            var parse = TTFParser.class.getDeclaredMethod("parse", stream);
            unbuffered.setAccessible(true);
            parse.setAccessible(true);
            return new ParserFromFile(unbuffered, parse);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the fonts are read from a file as they are used, rather than copied into the heap. */
    static boolean readFromFile() {
        return FROM_FILE != null;
    }

    /**
     * The font copied out of the jar into a temporary file, opened, and the file deleted at once where the system
     * allows it (the open channel keeps it readable), else on exit; the font then reads it through
     * {@link FileWindowRead} for as long as it lives. Null where no temporary file can be written (a read-only
     * system): the font is then parsed from the heap.
     */
    private static TrueTypeFont parseFromFile(String resource) throws IOException {
        FileChannel channel;
        try {
            channel = temporaryCopy(resource);
        } catch (IOException noTemporaryFile) {
            return null;
        }
        try {
            Object stream = FROM_FILE.unbufferedStream().newInstance(new FileWindowRead(channel, true));
            return (TrueTypeFont) FROM_FILE.parse().invoke(new TTFParser(), stream);
        } catch (java.lang.reflect.InvocationTargetException e) {
            channel.close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            channel.close();
            throw new IllegalStateException(e);
        }
    }

    private static FileChannel temporaryCopy(String resource) throws IOException {
        Path copy = Files.createTempFile("qiyue-font-", ".ttf");
        try {
            try (InputStream in = open(resource)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return FileChannel.open(copy, StandardOpenOption.READ);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException stillOpen) {
                copy.toFile().deleteOnExit();
            }
        }
    }

    /**
     * The font carries five character maps (Unicode full and BMP, Windows full and BMP, variation sequences), each
     * parsed into maps of boxed integers (some 2 MB apiece); PDFBox only ever reads the Unicode one it picks first,
     * for the widths, the subset and the ToUnicode map. The others are dropped from the parsed font.
     */
    private static void keepOnlyTheCharacterMapInUse(TrueTypeFont font) throws IOException {
        if (font.getUnicodeCmapLookup() instanceof CmapSubtable inUse) {
            font.getCmap().setCmaps(new CmapSubtable[]{inUse});
        }
    }

    /** FontBox reads a table on its first access without a lock: every table is read here, before sharing. */
    static void readEveryTable(TrueTypeFont font) throws IOException {
        font.getNaming();
        font.getPostScript();
        font.getOS2Windows();
        font.getMaximumProfile();
        font.getHeader();
        font.getHorizontalHeader();
        font.getHorizontalMetrics();
        font.getIndexToLocation();
        font.getGlyph();
        font.getCmap();
        font.getVerticalHeader();
        font.getVerticalMetrics();
        font.getVerticalOrigin();
        font.getKerning();
        font.getGsub();
        font.getUnicodeCmapLookup();
        font.getName();
    }

    /**
     * The regular font file, read from the class path each time: it is needed only for a seal drawing (and to parse
     * the shared font from the heap where it cannot be read from a file), and kept nowhere.
     */
    public static byte[] regularBytes() {
        return read(REGULAR);
    }

    /** The bold font file, read as {@link #regularBytes} is. */
    public static byte[] boldBytes() {
        return read(BOLD);
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = CjkFonts.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing font " + resource);
        }
        return in;
    }
}

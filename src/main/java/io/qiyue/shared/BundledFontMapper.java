package io.qiyue.shared;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * PDFBox's answer for a font a PDF names but does not embed (the standard 14 the HTML renderer registers, the
 * Helvetica of a signature's date, the fonts of an uploaded PDF): always the Liberation Sans bundled with PDFBox,
 * never the machine's fonts. PDFBox's own mapper scans every font installed on the machine on first use (seconds on
 * a machine with CJK fonts, a cache file written to the home directory, some 10 MB of parsed fonts kept in the heap)
 * so that a non-embedded font draws like the original. Qiyue never draws another PDF's pages: it writes PDFs with its
 * own embedded fonts, and reads text out of uploaded ones, which the font's encoding gives. So the machine's fonts
 * would only make the output depend on the machine. Installed when the application context starts.
 */
@Component
public final class BundledFontMapper implements FontMapper {
    private static final String LIBERATION_SANS = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    BundledFontMapper() {
        FontMappers.set(this);
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor fontDescriptor) {
        return new FontMapping<>(Fallback.FONT, !Standard14Fonts.containsName(baseFont));
    }

    /**
     * A standard 14 font is not called a fallback (PDFBox would log a warning for each of the 14 the HTML renderer
     * registers in every PDF): its widths come from PDFBox's own metrics, not from the font given here.
     */
    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor fontDescriptor) {
        return new FontMapping<>(Fallback.FONT, !Standard14Fonts.containsName(baseFont));
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor fontDescriptor,
                                     PDCIDSystemInfo cidSystemInfo) {
        return new CIDFontMapping(null, Fallback.FONT, true);
    }

    /** Parsed on the first font a PDF does not embed, once; shared as PDFBox shares its own last-resort font. */
    private static final class Fallback {
        static final TrueTypeFont FONT = load();

        private static TrueTypeFont load() {
            try (InputStream in = BundledFontMapper.class.getResourceAsStream(LIBERATION_SANS)) {
                if (in == null) {
                    throw new IllegalStateException("missing font " + LIBERATION_SANS);
                }
                TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                CjkFonts.readEveryTable(font);
                return font;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

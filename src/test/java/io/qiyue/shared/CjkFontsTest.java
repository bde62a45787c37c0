package io.qiyue.shared;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CjkFontsTest {

    @Test
    void aPdfAskedForOnAVirtualThreadIsWrittenOnAPlatformWriterThreadWithTheSharedFonts() throws Exception {
        String[] seen = new String[2];
        Thread virtual = Thread.ofVirtual().start(() -> {
            var fonts = CjkFonts.write(shared -> {
                seen[0] = Thread.currentThread().getName();
                seen[1] = String.valueOf(Thread.currentThread().isVirtual());
                return shared;
            });
            assertThat(fonts).isSameAs(CjkFonts.write(shared -> shared));
        });
        virtual.join();
        assertThat(seen[0]).startsWith("pdf-writer-");
        assertThat(seen[1]).isEqualTo("false");
    }

    @Test
    void theWritersFailureReachesTheCallerAsItself() {
        assertThatThrownBy(() -> CjkFonts.write(fonts -> {
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
        var refused = new InvalidInputException(java.util.List.of(new FieldViolation("text", "qiyue.x")));
        assertThatThrownBy(() -> CjkFonts.write(fonts -> {
            throw refused;
        })).isSameAs(refused);
    }

    @Test
    void theSharedFontsKeepOneCharacterMapThatAnswersAsTheFontsOwnChoiceDid() throws Exception {
        var shared = CjkFonts.write(fonts -> fonts);
        var whole = new org.apache.fontbox.ttf.TTFParser().parse(
                new org.apache.pdfbox.io.RandomAccessReadBuffer(CjkFonts.regularBytes()));
        assertThat(whole.getCmap().getCmaps().length).isGreaterThan(1);
        assertThat(shared.regular().getCmap().getCmaps()).hasSize(1);
        assertThat(shared.bold().getCmap().getCmaps()).hasSize(1);

        var kept = shared.regular().getUnicodeCmapLookup();
        var original = whole.getUnicodeCmapLookup();
        assertThat(shared.regular().getUnicodeCmapLookup(false)).isSameAs(kept);
        for (int codePoint = 0; codePoint <= 0x3FFFF; codePoint++) {
            if (kept.getGlyphId(codePoint) != original.getGlyphId(codePoint)) {
                throw new AssertionError("U+" + Integer.toHexString(codePoint) + " maps to another glyph");
            }
        }
        for (int glyph = 0; glyph < whole.getNumberOfGlyphs(); glyph++) {
            assertThat(kept.getCharCodes(glyph)).as("glyph %d", glyph).isEqualTo(original.getCharCodes(glyph));
        }
        assertThat(kept.getGlyphId('合')).isPositive();
    }

    @Test
    void theSharedFontsReadTheirFileFromDiskAndAnswerAsTheFontCopiedIntoTheHeap() throws Exception {
        assertThat(CjkFonts.readFromFile()).as("FontBox's parser from a stream reached (another FontBox?)").isTrue();
        var shared = CjkFonts.write(fonts -> fonts);
        var whole = new org.apache.fontbox.ttf.TTFParser().parse(
                new org.apache.pdfbox.io.RandomAccessReadBuffer(CjkFonts.regularBytes()));
        for (var table : whole.getTableMap().values()) {
            var same = shared.regular().getTableMap().get(table.getTag());
            assertThat(shared.regular().getTableBytes(same)).as(table.getTag())
                    .isEqualTo(whole.getTableBytes(table));
        }
        // a subset, as every PDF embeds: its glyphs are copied out of the file through a view of its own
        String text = "甲方乙方违约金人民币壹拾万元整 Qiyue 合同 ①②";
        assertThat(subset(shared.regular(), text)).isEqualTo(subset(whole, text));
    }

    private static byte[] subset(org.apache.fontbox.ttf.TrueTypeFont font, String text) throws IOException {
        var subsetter = new org.apache.fontbox.ttf.TTFSubsetter(font);
        text.codePoints().forEach(subsetter::add);
        var out = new java.io.ByteArrayOutputStream();
        subsetter.writeToStream(out);
        return out.toByteArray();
    }
}

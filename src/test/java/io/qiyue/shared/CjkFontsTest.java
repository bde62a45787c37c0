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
}

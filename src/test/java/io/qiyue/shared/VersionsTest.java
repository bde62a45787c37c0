package io.qiyue.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VersionsTest {

    @Test
    void etagIsTheQuotedVersion() {
        assertThat(Versions.etag(3)).isEqualTo("\"3\"");
    }

    @Test
    void parsesStrongAndUnquotedTags() {
        assertThat(Versions.expected("\"3\"")).isEqualTo(3);
        assertThat(Versions.expected(" 4 ")).isEqualTo(4);
    }

    /** If-Match compares strongly (RFC 9110): a weak tag never matches, so it is refused rather than read. */
    @Test
    void aWeakTagIs412() {
        assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> Versions.expected("W/\"12\""))
                .satisfies(e -> assertThat(e.getMessage()).contains("if-match-weak"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aMissingIfMatchIs428(String header) {
        assertThatExceptionOfType(PreconditionRequiredException.class).isThrownBy(() -> Versions.expected(header));
    }

    @Test
    void aNullIfMatchIs428() {
        assertThatExceptionOfType(PreconditionRequiredException.class).isThrownBy(() -> Versions.expected(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"abc\"", "\"1\", \"2\"", "\"99999999999\""})
    void aWildcardOrUnparsableTagIsStaleNotABlindOverwrite(String header) {
        assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> Versions.expected(header));
    }

    @Test
    void checkComparesWithTheCurrentVersion() {
        Versions.check("\"5\"", 5);
        assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> Versions.check("\"4\"", 5));
    }
}

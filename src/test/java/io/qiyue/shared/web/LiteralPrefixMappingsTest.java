package io.qiyue.shared.web;

import org.junit.jupiter.api.Test;

import static io.qiyue.shared.web.LiteralPrefixMappings.Mapping.mayMatch;
import static org.assertj.core.api.Assertions.assertThat;

/** The literal comparison only ever rules out patterns that cannot match the path. */
class LiteralPrefixMappingsTest {

    @Test
    void rulesOutAPatternWhoseLiteralBeginningDiffers() {
        assertThat(mayMatch("/api/v1/customers/{id}", "/api/v1/contracts/c-1")).isFalse();
        assertThat(mayMatch("/api/v1/contracts/{id}/versions", "/api/v1/contracts")).isFalse();
        assertThat(mayMatch("/contracts/{id}", "/api/v1/contracts/c-1")).isFalse();
    }

    @Test
    void keepsEveryPatternThatMayMatch() {
        assertThat(mayMatch("/api/v1/contracts/{id}", "/api/v1/contracts/c-1")).isTrue();
        assertThat(mayMatch("/api/v1/contracts/{id}/versions", "/api/v1/contracts/c-1/versions")).isTrue();
        assertThat(mayMatch("/api/v1/contracts", "/api/v1/contracts/")).isTrue();
        assertThat(mayMatch("/api/v1/contracts/", "/api/v1/contracts")).isTrue();
        assertThat(mayMatch("/static/**", "/static/app.css")).isTrue();
        assertThat(mayMatch("/file?.txt", "/file1.txt")).isTrue();
        assertThat(mayMatch("relative/{id}", "/x")).isTrue();
        assertThat(mayMatch("/", "/")).isTrue();
    }

    @Test
    void keysAMappingByItsCompleteLiteralSegmentsAndAPathByItsOwn() {
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/api/v1/contracts/{id}")).isEqualTo(3);
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/api/v1/contracts")).isEqualTo(3);
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/contracts/{id}")).isEqualTo(1);
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/api/v1/contract{x}")).isEqualTo(2);
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/a/b/")).isEqualTo(2);
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/")).isZero();
        assertThat(LiteralPrefixMappings.Mapping.Index.completeSegments("/{page}")).isZero();
        assertThat(LiteralPrefixMappings.Mapping.Index.key("/api/v1/contracts/{id}", 3)).isEqualTo("/api/v1/contracts");
        assertThat(LiteralPrefixMappings.Mapping.Index.key("/api/v1/contracts", 3)).isEqualTo("/api/v1/contracts");
        assertThat(LiteralPrefixMappings.Mapping.Index.key("/a/b/", 2)).isEqualTo("/a/b");
        assertThat(LiteralPrefixMappings.Mapping.Index.pathKey("/api/v1/contracts/c-1", 3)).isEqualTo("/api/v1/contracts");
        assertThat(LiteralPrefixMappings.Mapping.Index.pathKey("/api/v1/contracts/", 3)).isEqualTo("/api/v1/contracts");
        assertThat(LiteralPrefixMappings.Mapping.Index.pathKey("/api/v1/contracts", 3)).isEqualTo("/api/v1/contracts");
        assertThat(LiteralPrefixMappings.Mapping.Index.pathKey("/a/b", 2)).isEqualTo("/a/b");
        assertThat(LiteralPrefixMappings.Mapping.Index.pathKey("/contracts", 2)).isNull();
    }

    @Test
    void rulesOutAPatternOfAnotherLengthOnlyWhereBothLengthsAreFixed() {
        var segments = (java.util.function.ToIntFunction<String>) LiteralPrefixMappings.Mapping.Candidate::segments;
        assertThat(segments.applyAsInt("/api/v1/contracts/{id}")).isEqualTo(4);
        assertThat(segments.applyAsInt("/api/v1/contracts/c-1")).isEqualTo(4);
        assertThat(segments.applyAsInt("/api/v1/contracts/c-1/")).isEqualTo(-1);
        assertThat(segments.applyAsInt("/webjars/**")).isEqualTo(-1);
        assertThat(segments.applyAsInt("/files/{*path}")).isEqualTo(-1);
        assertThat(segments.applyAsInt("relative/{id}")).isEqualTo(-1);

        var byId = new LiteralPrefixMappings.Mapping.Candidate(null, null, java.util.List.of("/api/v1/contracts/{id}"), 4);
        assertThat(byId.mayMatch("/api/v1/contracts/c-1", 4)).isTrue();
        assertThat(byId.mayMatch("/api/v1/contracts/c-1/submit", 5)).isFalse();
        assertThat(byId.mayMatch("/api/v1/contracts/c-1/", -1)).isTrue();
        var anyLength = new LiteralPrefixMappings.Mapping.Candidate(null, null, java.util.List.of("/webjars/**"), -1);
        assertThat(anyLength.mayMatch("/webjars/a/b/c.css", 4)).isTrue();
    }
}

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
}

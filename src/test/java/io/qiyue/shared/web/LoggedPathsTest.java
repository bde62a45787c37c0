package io.qiyue.shared.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPathsTest {
    @Test
    void aCustomerLinksSecretNeverReachesTheLog() {
        assertThat(LoggedPaths.of("/p/NjxMaiw2AIFTJhibO38NgBAnTOEJY-tzMVz65AsxzDo")).isEqualTo("/p/…");
        assertThat(LoggedPaths.of("/c/abc123/report")).isEqualTo("/c/…/report");
        assertThat(LoggedPaths.of("/s/abc123/document")).isEqualTo("/s/…/document");
        assertThat(LoggedPaths.of("/api/v1/contracts/c-1")).isEqualTo("/api/v1/contracts/c-1");
        assertThat(LoggedPaths.of("/contracts/c-1/sign")).isEqualTo("/contracts/c-1/sign");
        assertThat(LoggedPaths.of(null)).isNull();
    }
}

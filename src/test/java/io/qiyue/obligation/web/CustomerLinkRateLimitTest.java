package io.qiyue.obligation.web;

import io.qiyue.shared.web.LinkRateLimit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerLinkRateLimitTest {
    private static final String TOKEN = "A".repeat(43);

    @Test
    void guessesFromOneAddressAreCutOffAndTheWindowPasses() throws Exception {
        var clock = new MutableClock();
        var limit = new LinkRateLimit(clock, "c", 3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(send(limit, "GET", "/c/" + i, "10.0.0.1").getStatus()).isEqualTo(200);
        }
        var refused = send(limit, "GET", "/c/x", "10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
        assertThat(send(limit, "GET", "/c/x", "10.0.0.2").getStatus()).as("another address").isEqualTo(200);
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertThat(send(limit, "GET", "/c/x", "10.0.0.1").getStatus()).isEqualTo(200);
    }

    @Test
    void writesToOneLinkAreLimitedWhateverTheAddress() throws Exception {
        var limit = new LinkRateLimit(new MutableClock(), "c", 100, 2);
        assertThat(send(limit, "POST", "/c/" + TOKEN + "/concerns", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(send(limit, "POST", "/c/" + TOKEN + "/concerns", "10.0.0.2").getStatus()).isEqualTo(200);
        assertThat(send(limit, "POST", "/c/" + TOKEN + "/evaluation", "10.0.0.3").getStatus()).isEqualTo(429);
        assertThat(send(limit, "GET", "/c/" + TOKEN, "10.0.0.3").getStatus()).as("reading is not a write").isEqualTo(200);
    }

    @Test
    void theTokenSegmentIsBounded() {
        assertThat(LinkRateLimit.token("/c/", "/c/" + TOKEN + "/report")).isEqualTo(TOKEN);
        assertThat(LinkRateLimit.token("/c/", "/c/" + "x".repeat(500))).hasSize(64);
    }

    private static MockHttpServletResponse send(LinkRateLimit limit, String method, String uri, String address)
            throws Exception {
        var request = new MockHttpServletRequest(method, uri);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

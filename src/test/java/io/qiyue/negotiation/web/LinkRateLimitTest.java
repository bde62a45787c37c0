package io.qiyue.negotiation.web;

import io.qiyue.shared.web.LinkRateLimit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits of the customer's pages: per address for every request, per link for writes, per minute. */
class LinkRateLimitTest {
    private Instant now = Instant.parse("2026-12-04T06:00:00Z");
    private final Clock clock = new Clock() {
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
    };

    private int send(LinkRateLimit limit, String method, String address, String token) throws Exception {
        var request = new MockHttpServletRequest(method, "/p/" + token + (method.equals("POST") ? "/comments" : ""));
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void anAddressGetsItsRequestsAMinuteThenA429WithRetryAfter() throws Exception {
        var limit = new LinkRateLimit(clock, "p", 3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(send(limit, "GET", "10.0.0.1", "token" + i)).isEqualTo(200);
        }
        var request = new MockHttpServletRequest("GET", "/p/another");
        request.setRemoteAddr("10.0.0.1");
        var response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("60");
        assertThat(send(limit, "GET", "10.0.0.2", "token")).as("another address").isEqualTo(200);
        now = now.plusSeconds(60);
        assertThat(send(limit, "GET", "10.0.0.1", "token")).as("the next minute").isEqualTo(200);
    }

    @Test
    void aLinkTakesSoManyWritesAMinuteFromAnyAddress() throws Exception {
        var limit = new LinkRateLimit(clock, "p", 100, 2);
        assertThat(send(limit, "POST", "10.0.0.1", "abc")).isEqualTo(200);
        assertThat(send(limit, "POST", "10.0.0.2", "abc")).isEqualTo(200);
        assertThat(send(limit, "POST", "10.0.0.3", "abc")).isEqualTo(429);
        assertThat(send(limit, "GET", "10.0.0.3", "abc")).as("reading goes on").isEqualTo(200);
        assertThat(send(limit, "POST", "10.0.0.3", "xyz")).as("another link").isEqualTo(200);
    }
}

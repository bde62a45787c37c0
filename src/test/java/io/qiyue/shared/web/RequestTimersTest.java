package io.qiyue.shared.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTimersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestTimers timers = new RequestTimers(registry);

    @Test
    void aHandledRequestIsTimedUnderItsHandlersPattern() throws Exception {
        for (String id : new String[]{"a1", "b2"}) {
            var request = new MockHttpServletRequest("GET", "/api/v1/contracts/" + id);
            timers.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
                @Override
                public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                    req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/contracts/{id}");
                }
            });
        }
        var timer = registry.get(RequestTimers.NAME).tag("uri", "/api/v1/contracts/{id}").tag("method", "GET")
                .tag("status", "200").tag("outcome", "SUCCESS").tag("exception", "none").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(registry.getMeters()).hasSize(1);
    }

    @Test
    void unknownPathsAndMethodsShareOneTimerEach() throws Exception {
        for (String path : new String[]{"/x", "/y", "/z"}) {
            var response = new MockHttpServletResponse();
            response.setStatus(404);
            timers.doFilter(new MockHttpServletRequest("BREW" + path.substring(1), path), response, new MockFilterChain());
        }
        var timer = registry.get(RequestTimers.NAME).tag("uri", "NOT_FOUND").tag("method", "UNKNOWN")
                .tag("outcome", "CLIENT_ERROR").timer();
        assertThat(timer.count()).isEqualTo(3);
    }

    @Test
    void aFailureEscapingTheChainIsAServerErrorNamedByItsClass() {
        var request = new MockHttpServletRequest("POST", "/api/v1/contracts");
        assertThatThrownBy(() -> timers.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                throw new IllegalStateException("boom");
            }
        })).isInstanceOf(IllegalStateException.class);
        var timer = registry.get(RequestTimers.NAME).tag("status", "500").tag("outcome", "SERVER_ERROR")
                .tag("exception", "IllegalStateException").tag("uri", "UNKNOWN").timer();
        assertThat(timer.count()).isEqualTo(1);
    }
}

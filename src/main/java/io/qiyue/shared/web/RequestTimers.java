package io.qiyue.shared.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timer with the tags Spring's HTTP server observation gives it (method, uri,
 * status, outcome, exception), recorded here directly; Spring's observation filter is not configured
 * (application.yml). That filter built an observation, its context and its key values and looked the timer up in the
 * registry on every request: a tenth of GET by id's CPU in bench/speed.sh's profile. Here a timer is looked up once
 * per combination of tags. The uri is the handler's pattern, never the path itself, and a method outside HTTP's
 * is UNKNOWN, so the combinations stay few whatever is sent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestTimers extends OncePerRequestFilter {
    static final String NAME = "http.server.requests";

    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS", "TRACE");

    private record Tags(String method, String uri, int status, String exception) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Tags, Timer> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            record(request, response, failure, System.nanoTime() - start);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, Throwable failure, long nanos) {
        int status = response.getStatus();
        if (failure != null && status < 400) {
            status = 500; // what the container answers for it
        }
        if (failure == null && request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof Throwable handled) {
            failure = handled;
        }
        var tags = new Tags(METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN", uri(request, status), status,
                failure == null ? "none" : exceptionName(failure));
        timers.computeIfAbsent(tags, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern.isEmpty() ? "/" : pattern;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == 404 ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String exceptionName(Throwable failure) {
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    private Timer timer(Tags tags) {
        return Timer.builder(NAME)
                .description("Duration of HTTP server request handling")
                .tag("method", tags.method())
                .tag("uri", tags.uri())
                .tag("status", Integer.toString(tags.status()))
                .tag("outcome", outcome(tags.status()))
                .tag("exception", tags.exception())
                .tag("error", tags.exception())
                .register(registry);
    }
}

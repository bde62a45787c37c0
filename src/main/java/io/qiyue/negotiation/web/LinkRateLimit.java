package io.qiyue.negotiation.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window limit per client address on the customer's pages: enough for a person reading and writing,
 * far too little to try tokens or flood the negotiation with comments (429 with Retry-After beyond it). The
 * windows live in this instance's memory: behind a load balancer each instance allows as much, which is
 * fine for a guard against abuse (a token cannot be guessed anyway). Not a bean, so that Spring Boot does not
 * register it as a servlet filter for every address: it runs only in the {@code /p/**} security chain.
 */
class LinkRateLimit extends OncePerRequestFilter {
    private static final long WINDOW_MILLIS = 60_000;
    /** Addresses remembered at most; past it the oldest windows are dropped (they have ended anyway). */
    private static final int MAX_ADDRESSES = 50_000;

    private record Window(long start, int reads, int writes) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int readsPerMinute;
    private final int writesPerMinute;

    LinkRateLimit(Clock clock, int readsPerMinute, int writesPerMinute) {
        this.clock = clock;
        this.readsPerMinute = readsPerMinute;
        this.writesPerMinute = writesPerMinute;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        long now = clock.millis();
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.start() >= WINDOW_MILLIS);
        }
        Window window = windows.compute(request.getRemoteAddr(), (address, w) -> {
            if (w == null || now - w.start() >= WINDOW_MILLIS) {
                return new Window(now, write ? 0 : 1, write ? 1 : 0);
            }
            return write ? new Window(w.start(), w.reads(), w.writes() + 1) : new Window(w.start(), w.reads() + 1, w.writes());
        });
        if (window.reads() > readsPerMinute || window.writes() > writesPerMinute) {
            long wait = Math.max(1, (window.start() + WINDOW_MILLIS - now + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(wait));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }
}

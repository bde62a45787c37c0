package io.qiyue.obligation.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows on the customer's pages ({@code /c/**}): every request counts against its client
 * address (plenty for reading, far too little for trying tokens), every write also against the token it names
 * (no flooding a contract with concerns from many addresses). Beyond either: 429 with Retry-After. Kept in this
 * instance's memory, which is enough for a guard (a 256-bit token cannot be guessed anyway). Not a bean, so that
 * it runs only in the {@code /c/**} chain.
 */
class CustomerLinkRateLimit extends OncePerRequestFilter {
    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_KEYS = 50_000;

    private record Window(long start, int count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perAddress;
    private final int writesPerLink;

    CustomerLinkRateLimit(Clock clock, int perAddress, int writesPerLink) {
        this.clock = clock;
        this.perAddress = perAddress;
        this.writesPerLink = writesPerLink;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> now - w.start() >= WINDOW_MILLIS);
        }
        Window address = count("a " + request.getRemoteAddr(), now);
        Window link = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? null
                : count("l " + token(request.getRequestURI()), now);
        Window over = address.count() > perAddress ? address
                : link != null && link.count() > writesPerLink ? link : null;
        if (over != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, (over.start() + WINDOW_MILLIS - now + 999) / 1000)));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }

    private Window count(String key, long now) {
        return windows.compute(key, (k, w) -> w == null || now - w.start() >= WINDOW_MILLIS ? new Window(now, 1)
                : new Window(w.start(), w.count() + 1));
    }

    /** The token segment of {@code /c/<token>/...}, at most 64 characters so that keys stay small. */
    static String token(String uri) {
        int at = uri.indexOf("/c/");
        int start = at < 0 ? 0 : at + 3;
        int end = uri.indexOf('/', start);
        String token = end < 0 ? uri.substring(start) : uri.substring(start, end);
        return token.length() > 64 ? token.substring(0, 64) : token;
    }
}

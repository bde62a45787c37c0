package io.qiyue.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window limits on the customer's pages of a link feature ({@code /p/<token>} negotiation, {@code /c/<token>}
 * evaluation, {@code /s/<token>} signing): every request counts against its client address (enough for people
 * reading behind one company's gateway, far too little to try tokens), and every write also against the link it names
 * (no flooding one link with comments or concerns, from however many addresses). Beyond either: 429 with
 * Retry-After. The windows live in this instance's memory: behind a load balancer each instance allows as much,
 * which is fine for a guard against abuse (a token cannot be guessed anyway). Not a bean, so that Spring Boot does
 * not register it as a servlet filter for every address: each feature adds it to its own security chain.
 */
public class LinkRateLimit extends OncePerRequestFilter {
    private static final long WINDOW_MILLIS = 60_000;
    /** Keys remembered at most; past it the ended windows are dropped. */
    private static final int MAX_KEYS = 50_000;

    private record Window(long start, int count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String segment;
    private final int requestsPerAddress;
    private final int writesPerLink;

    /** @param segment the path segment before the token: {@code "p"} for {@code /p/<token>/...} */
    public LinkRateLimit(Clock clock, String segment, int requestsPerAddress, int writesPerLink) {
        this.clock = clock;
        this.segment = "/" + segment + "/";
        this.requestsPerAddress = requestsPerAddress;
        this.writesPerLink = writesPerLink;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> now - w.start() >= WINDOW_MILLIS);
        }
        Window byAddress = count("a " + request.getRemoteAddr(), now);
        Window byLink = null;
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            byLink = count("l " + token(segment, request.getRequestURI()), now);
        }
        Window exceeded = byAddress.count() > requestsPerAddress ? byAddress
                : byLink != null && byLink.count() > writesPerLink ? byLink : null;
        if (exceeded != null) {
            long wait = Math.max(1, (exceeded.start() + WINDOW_MILLIS - now + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(wait));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }

    private Window count(String key, long now) {
        return windows.compute(key, (k, w) -> w == null || now - w.start() >= WINDOW_MILLIS ? new Window(now, 1)
                : new Window(w.start(), w.count() + 1));
    }

    /**
     * The token of {@code <segment><token>/...} ({@code segment} like {@code "/p/"}), bounded so that a long address
     * cannot grow the map's keys.
     */
    public static String token(String segment, String uri) {
        int at = uri.indexOf(segment);
        int start = at < 0 ? 0 : at + segment.length();
        int end = uri.indexOf('/', start);
        String token = end < 0 ? uri.substring(start) : uri.substring(start, end);
        return token.length() > 64 ? token.substring(0, 64) : token;
    }
}

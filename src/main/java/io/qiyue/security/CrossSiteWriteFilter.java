package io.qiyue.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses API writes that a page of another site can make a browser send with credentials the browser
 * adds by itself. On the API that is HTTP Basic: a browser that once asked its user for the password
 * sends it with every later request to this host (the session cookie does not count here; the API
 * ignores it). A request that carries {@code Authorization: Bearer} was written by its sender, who holds
 * the token, so it is let through.
 * <p>
 * Every other POST, PUT, PATCH or DELETE is refused with 403 when
 * <ul>
 *   <li>{@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site} (a sibling subdomain is
 *       another site too), or {@code Origin} is present and is not this server's origin
 *       (browsers send {@code Origin} with every such request; curl and integrations send neither);</li>
 *   <li>its body has a type an HTML form or a "simple" fetch can send without asking the server first:
 *       {@code text/plain} or {@code application/x-www-form-urlencoded} (the API reads neither);</li>
 *   <li>its body is {@code multipart/form-data} (which a form can send as well) and nothing shows that it
 *       comes from this site or from a program: an {@code Origin} of this server,
 *       {@code Sec-Fetch-Site: same-origin}, or an {@code X-Requested-With} header, which no other site can
 *       make a browser add without this server's consent (it gives none: no CORS).</li>
 * </ul>
 * Same origin is judged by the scheme, host and port the server sees; behind a reverse proxy, configure
 * {@code server.forward-headers-strategy} so that they are the public ones.
 */
class CrossSiteWriteFilter extends OncePerRequestFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    static final String PROGRAM_HEADER = "X-Requested-With";

    private final ProblemAuthentication problems;

    CrossSiteWriteFilter(ProblemAuthentication problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || carriesBearerToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            refuse(request, response, "qiyue.problem.cross-site-origin", origin != null ? origin : "Sec-Fetch-Site: " + site);
            return;
        }
        boolean sameOrigin = origin != null && isSameOrigin(origin, request);
        if (origin != null && !sameOrigin) {
            refuse(request, response, "qiyue.problem.cross-site-origin", origin);
            return;
        }
        String type = essence(request.getContentType());
        if ("text/plain".equals(type) || "application/x-www-form-urlencoded".equals(type)) {
            refuse(request, response, "qiyue.problem.cross-site-content-type", type);
            return;
        }
        if ("multipart/form-data".equals(type) && !sameOrigin && !"same-origin".equalsIgnoreCase(site)
                && request.getHeader(PROGRAM_HEADER) == null) {
            refuse(request, response, "qiyue.problem.cross-site-multipart");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean carriesBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    static boolean isSameOrigin(String origin, HttpServletRequest request) {
        try {
            var uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return false; // "null" (sandboxed pages, file: URLs) and anything unparsable
            }
            return scheme.equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port(scheme, uri.getPort()) == port(request.getScheme(), request.getServerPort());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int port(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** The media type without parameters, in lower case; null when absent or not a media type. */
    private static String essence(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            var type = MediaType.parseMediaType(contentType);
            return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, Object... args)
            throws IOException {
        var shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            String text = String.valueOf(args[i]);
            shown[i] = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
        problems.write(request, response, 403, "cross-site-request", code, shown);
    }
}

package io.qiyue.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <token>}; a bad token is a 401, not anonymous. The token is an API
 * token; on the operators' endpoints it may also be the metrics scrape token ({@code qiyue.metrics-token}), which
 * grants {@link #METRICS_ROLE} and nothing else.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    static final String METRICS_ROLE = "METRICS";

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    /** SHA-256 of the scrape token taken here, or empty: none configured, or a filter of the API. */
    private final Optional<byte[]> scrapeTokenHash;

    /** API tokens only (the API). */
    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this(tokens, entryPoint, null);
    }

    /** API tokens and the scrape token, when one is configured (the operators' endpoints). */
    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint, String scrapeToken) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.scrapeTokenHash = scrapeToken == null || scrapeToken.isBlank() ? Optional.empty()
                : Optional.of(sha256(scrapeToken.strip()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> authentication = authenticate(header.substring(7).strip());
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new InvalidTokenException());
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    private Optional<Authentication> authenticate(String secret) {
        if (isScrapeToken(secret)) {
            return Optional.of(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                    AuthorityUtils.createAuthorityList("ROLE_" + METRICS_ROLE)));
        }
        return tokens.authenticate(secret).map(p -> {
            var authenticated = UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities());
            authenticated.setDetails(ApiTokens.BY_TOKEN);
            return authenticated;
        });
    }

    private boolean isScrapeToken(String secret) {
        // digests of equal length compared in constant time: the comparison tells nothing about the token
        return scrapeTokenHash.map(expected -> MessageDigest.isEqual(expected, sha256(secret))).orElse(false);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Bearer token that is not (or no longer) valid: RFC 6750's {@code invalid_token}. */
    static final class InvalidTokenException extends BadCredentialsException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        InvalidTokenException() {
            super("invalid API token");
        }
    }
}

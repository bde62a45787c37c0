package io.qiyue.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Authenticates the operators' endpoints ({@code /actuator/**} but health): {@code Authorization: Bearer} with
 * either the scrape token configured as {@code QIYUE_METRICS_TOKEN} (it may read metrics and nothing else) or an
 * API token, whose user's roles then decide. A wrong token is a 401.
 */
class OperationsTokenFilter extends OncePerRequestFilter {
    static final String METRICS_ROLE = "METRICS";

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    /** SHA-256 of the scrape token, or empty when none is configured. */
    private final Optional<byte[]> scrapeTokenHash;

    OperationsTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint, String scrapeToken) {
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
        String secret = header.substring(7).strip();
        Optional<Authentication> authentication = isScrapeToken(secret)
                ? Optional.of(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                        AuthorityUtils.createAuthorityList("ROLE_" + METRICS_ROLE)))
                : tokens.authenticate(secret).map(p -> UsernamePasswordAuthenticationToken.authenticated(p, null,
                        p.getAuthorities()));
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BearerTokenFilter.InvalidTokenException());
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
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
}

package io.qiyue.negotiation.web;

import io.qiyue.shared.web.LinkRateLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Set;

/**
 * The customer's pages under {@code /p/**}: open to everyone, since the token in the address is the only
 * credential, and stateless — no session, no cookie is read or set, so a signed-in employee's session cannot
 * be used there either. That also makes a forged cross-site form harmless, as it can carry no authority the
 * attacker lacks; writes from another site are still refused (Origin / Sec-Fetch-Site). The pages send a
 * Referer only to this server ({@code same-origin}; {@code no-referrer} would make browsers send
 * {@code Origin: null} with the pages' own forms), so the token does not leak to links followed from them.
 */
@Configuration(proxyBeanMethods = false)
class PublicLinkSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain sharedLinks(HttpSecurity http, Clock clock,
                                    @Value("${qiyue.negotiation.requests-per-address-minute:300}") int perAddress,
                                    @Value("${qiyue.negotiation.writes-per-link-minute:30}") int perLink)
            throws Exception {
        var rateLimit = new LinkRateLimit(clock, "p", perAddress, perLink);
        http.securityMatcher("/p/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.requireExplicitSave(true))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .addFilterAfter(new io.qiyue.shared.web.SameSiteWrites(), SecurityContextHolderFilter.class)
                .addFilterAfter(rateLimit, io.qiyue.shared.web.SameSiteWrites.class)
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'"))
                        .addHeaderWriter((request, response) -> response.setHeader("X-Robots-Tag", "noindex, nofollow")));
        return http.build();
    }
}

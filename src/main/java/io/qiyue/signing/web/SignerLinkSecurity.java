package io.qiyue.signing.web;

import io.qiyue.shared.web.LinkRateLimit;
import io.qiyue.shared.web.SameSiteWrites;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;

/**
 * The customer's signing pages under {@code /s/**}: open to everyone, since the token is the only credential,
 * and stateless (no session is read or made, so an employee's session carries no authority there). Writes from
 * another site are refused, requests are rate-limited per address and per link (as the other customer links), the
 * pages send their address only to this server and cannot be framed.
 */
@Configuration(proxyBeanMethods = false)
class SignerLinkSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain signerLinkChain(HttpSecurity http, Clock clock,
                                        @Value("${qiyue.signing.requests-per-address-minute:300}") int perAddress,
                                        @Value("${qiyue.signing.writes-per-link-minute:20}") int perLink)
            throws Exception {
        http.securityMatcher("/s/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.requireExplicitSave(true))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .addFilterAfter(new SameSiteWrites(), SecurityContextHolderFilter.class)
                .addFilterAfter(new LinkRateLimit(clock, "s", perAddress, perLink), SameSiteWrites.class)
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self'; "
                                + "frame-ancestors 'self'; form-action 'self'; base-uri 'none'"))
                        .addHeaderWriter((request, response) -> {
                            response.setHeader("X-Robots-Tag", "noindex, nofollow");
                            response.setHeader("Cache-Control", "no-store");
                        }));
        return http.build();
    }
}

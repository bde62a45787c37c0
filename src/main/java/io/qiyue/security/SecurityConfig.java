package io.qiyue.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;

/**
 * Two filter chains: the stateless API ({@code /api/**}: HTTP Basic or Bearer token, no session, no
 * CSRF since no cookie is honoured there) and the browser UI (form login, session, CSRF).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, and old hashes keep working if the default moves on
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ProblemAuthentication problemAuthentication(MessageSource messages, LocaleResolver locales) {
        return new ProblemAuthentication(messages, locales);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AccountAuthentication passwords,
                            ProblemAuthentication problems) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/users/me").authenticated()
                        .requestMatchers("/api/v1/users/**", "/api/v1/teams/**", "/api/v1/audit/**",
                                "/api/v1/reviews/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .authenticationManager(passwordsOnly(passwords))
                .httpBasic(b -> b.authenticationEntryPoint(problems).realmName("Qiyue"))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, AccountAuthentication passwords) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error",
                                "/actuator/health/**", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                                "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .authenticationManager(passwordsOnly(passwords))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler((req, res, ex) -> {
                    String reason = ex instanceof org.springframework.security.authentication.LockedException
                            ? "locked" : "bad";
                    res.sendRedirect(req.getContextPath() + "/login?error=" + reason);
                }).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /**
     * The chains' one authentication manager: the password provider without the global manager as
     * parent, which would hold the same provider bean and run it (and the login throttle) a second
     * time for every failed attempt.
     */
    private static ProviderManager passwordsOnly(AccountAuthentication passwords) {
        return new ProviderManager(passwords);
    }

    /** 401 and 403 of the API as problem+json in the caller's language. */
    static final class ProblemAuthentication implements AuthenticationEntryPoint, AccessDeniedHandler {
        private final MessageSource messages;
        private final LocaleResolver locales;

        ProblemAuthentication(MessageSource messages, LocaleResolver locales) {
            this.messages = messages;
            this.locales = locales;
        }

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException e) throws IOException {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Qiyue\", Bearer");
            String code = e instanceof org.springframework.security.authentication.LockedException
                    ? "qiyue.problem.login-locked" : "qiyue.problem.unauthenticated";
            write(request, response, 401, "unauthenticated", code);
        }

        @Override
        public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                           org.springframework.security.access.AccessDeniedException e) throws IOException {
            write(request, response, 403, "forbidden", "qiyue.problem.forbidden");
        }

        private void write(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response, int status,
                           String type, String code) throws IOException {
            var locale = locales.resolveLocale(request);
            String title = messages.getMessage("qiyue.title." + type, null, type, locale);
            String detail = messages.getMessage(code, null, code, locale);
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"https://qiyue.io/problems/" + type + "\",\"title\":"
                    + quote(title) + ",\"status\":" + status + ",\"detail\":" + quote(detail) + "}");
        }

        private static String quote(String s) {
            var sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}

package io.qiyue.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.servlet.LocaleResolver;

import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Two filter chains: the stateless API ({@code /api/**}: HTTP Basic or Bearer token, no session, no
 * CSRF token since no cookie is honoured there, but no cross-site writes with a browser's cached Basic
 * credentials either) and the browser UI (form login, a session that follows the account, CSRF).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    /** Where a throttled sign-in is forwarded to, to be shown the sign-in page with a 429. */
    static final String THROTTLED_LOGIN = "/login/throttled";
    /** Where the static files are (path prefixes): open to everybody, and the same for everybody. */
    private static final List<String> STATIC_FILES = io.qiyue.shared.web.StaticFiles.PATHS;

    /**
     * No Spring Security observations. Turning them off by name (management.observations.enable.spring.security)
     * still left every filter of every chain wrapped in an observing decorator that built names and no-op
     * observations on each request: a few percent of the CPU of a contract create in bench/speed.sh's profile.
     * HTTP server observations (the request metrics) are not affected.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, and old hashes keep working if the default moves on
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ProblemAuthentication problemAuthentication(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        return new ProblemAuthentication(messages, locales, json);
    }

    /**
     * The operators' endpoints: health (liveness, readiness) for anyone, the load balancer included; the rest
     * (metrics) for the scrape token or an admin's API token, never a UI session.
     */
    @Bean
    @Order(0)
    SecurityFilterChain operations(HttpSecurity http, ApiTokens tokens, ProblemAuthentication problems,
                                   @Value("${qiyue.metrics-token:}") String scrapeToken) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus")
                                .hasAnyRole("ADMIN", BearerTokenFilter.METRICS_ROLE)
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new BearerTokenFilter(tokens, problems, scrapeToken),
                        AnonymousAuthenticationFilter.class);
        return stateless(http, problems);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AccountAuthentication passwords,
                            ProblemAuthentication problems) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/users/me", "/api/v1/users/me/**").authenticated()
                        // who may accept a warning is for everyone to know; changing it is for admins
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/reviews/acceptance-policies",
                                "/api/v1/reviews/acceptance-policies/*").authenticated()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/templates/**",
                                "/api/v1/clauses/**").authenticated()
                        .requestMatchers("/api/v1/templates/**", "/api/v1/clauses/**")
                                .hasAnyRole(Permission.MANAGE_TEMPLATES.roleNames())
                        .requestMatchers("/api/v1/users/**", "/api/v1/teams/**", "/api/v1/audit/**",
                                "/api/v1/reviews/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .authenticationManager(passwordsOnly(passwords))
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                // before any credentials are looked at: a forged request must not cost a password attempt
                .addFilterBefore(new CrossSiteWriteFilter(problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class);
        return stateless(http, problems);
    }

    /**
     * What the chains of tokens and passwords share: no session, no CSRF token, no saved request, and problems as
     * answers. Nothing there signs out (tokens are revoked, sessions end on the UI's /logout) nor reads the user
     * through the servlet API: two filters less on every request.
     */
    private static SecurityFilterChain stateless(HttpSecurity http, ProblemAuthentication problems) throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .servletApi(a -> a.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, AccountAuthentication passwords, AccountSessions sessions,
                           UserAdministration users) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(STATIC_FILES.stream().map(p -> p.endsWith("/") ? p + "**" : p + "*")
                                .toArray(String[]::new)).permitAll()
                        .requestMatchers("/login", THROTTLED_LOGIN, "/error", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/admin/templates", "/admin/templates/**", "/admin/clauses",
                                "/admin/clauses/**").hasAnyRole(Permission.MANAGE_TEMPLATES.roleNames())
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .authenticationManager(passwordsOnly(passwords))
                .securityContext(c -> c.securityContextRepository(sessions.repository()))
                .addFilterAfter(sessions.filter(STATIC_FILES), SecurityContextHolderFilter.class)
                // the default session fixation protection (a new session id at sign-in) stays on
                .formLogin(f -> f.loginPage("/login").successHandler(signedIn(sessions, users))
                        .failureHandler(loginFailure()).permitAll())
                // Spring's own handler keeps the reason only with an error page set: the error page tells an
                // expired form (CSRF) from a role's refusal by it
                .exceptionHandling(e -> e.authenticationEntryPoint(toLogin()).accessDeniedHandler((request, response,
                        denied) -> {
                    request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                }))
                .logout(l -> l.logoutUrl("/logout").addLogoutHandler(sessions.logoutHandler())
                        .logoutSuccessUrl("/login?logout"))
                // the pages forbid framing with CSP frame-ancestors 'none' (which browsers obey over X-Frame-Options);
                // the rendered contract, whose own CSP has no frame-ancestors, may be framed by our pages (the
                // approval task shows it beside the decision): X-Frame-Options DENY would refuse it there
                .headers(h -> h.frameOptions(f -> f.sameOrigin()).contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /**
     * To the page asked for before signing in, else home; the session has its row from the start. A language chosen
     * on this browser before signing in (on the sign-in page) is kept on the account, for the e-mails. The account's
     * language is not pushed onto a browser that has none: the pages follow the browser (its switch, then its
     * Accept-Language), so that an account used from two browsers does not change the language of the other.
     */
    private static AuthenticationSuccessHandler signedIn(AccountSessions sessions, UserAdministration users) {
        var saved = new SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            sessions.signedIn(request, authentication);
            String username = authentication.getName();
            io.qiyue.shared.web.ChosenLanguage.of(request)
                    .ifPresent(language -> users.chooseLanguage(username, language));
            saved.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** A wrong password goes back to the form; a throttled attempt gets the form with 429 and the wait. */
    private static AuthenticationFailureHandler loginFailure() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException) {
                request.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, e);
                request.getRequestDispatcher(THROTTLED_LOGIN).forward(request, response);
            } else {
                response.sendRedirect(request.getContextPath() + "/login?error");
            }
        };
    }

    /**
     * To the sign-in page. htmx would swap the page a redirect leads to into the part of the page it
     * updates; it is told to load the sign-in page instead.
     */
    private static AuthenticationEntryPoint toLogin() {
        var redirect = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, e) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                redirect.commence(request, response, e);
            }
        };
    }

    /**
     * The chains' one authentication manager: the password provider without the global manager as
     * parent, which would hold the same provider bean and run it (and the login throttle) a second
     * time for every failed attempt.
     */
    private static ProviderManager passwordsOnly(AccountAuthentication passwords) {
        return new ProviderManager(passwords);
    }
}

package io.qiyue.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * What the API's security filters answer, as problem+json in the caller's language: 401, 403, 429 for
 * throttled password attempts, and 403 for cross-site writes. (Once a request reaches a controller,
 * {@code ProblemHandler} answers instead.)
 * <p>
 * A 401 challenges only with {@code Bearer} (RFC 9110 §15.5.2 requires at least one challenge, §11.6.1;
 * RFC 6750 §3 defines Bearer's). A {@code Basic} challenge would make a browser ask for a password and then send it along
 * with every request to this host, also those that pages of other sites make it send. Clients that send
 * Basic credentials of their own accord (curl -u, integrations) do not need the challenge.
 */
class ProblemAuthentication implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final String TYPE_BASE = "https://qiyue.io/problems/";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    ProblemAuthentication(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** The members RFC 9457 defines, in the order {@code ProblemHandler}'s answers have them. */
    record Problem(String type, String title, int status, String detail) {
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            long seconds = throttled.retryAfter().toSeconds();
            response.setHeader("Retry-After", Long.toString(seconds));
            write(request, response, 429, "too-many-attempts", "qiyue.problem.login-throttled", Long.toString(seconds));
            return;
        }
        response.setHeader("WWW-Authenticate", e instanceof BearerTokenFilter.InvalidTokenException
                ? "Bearer realm=\"Qiyue\", error=\"invalid_token\"" : "Bearer realm=\"Qiyue\"");
        write(request, response, 401, "unauthenticated", "qiyue.problem.unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, 403, "forbidden", "qiyue.problem.forbidden");
    }

    /** Writes a problem with the title {@code qiyue.title.<type>} and the detail {@code code}. */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String code,
               Object... args) throws IOException {
        var locale = locales.resolveLocale(request);
        String title = messages.getMessage("qiyue.title." + type, null, type, locale);
        String detail = messages.getMessage(code, args, code, locale);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(new Problem(TYPE_BASE + type, title, status, detail)));
    }
}

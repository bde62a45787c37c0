package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers for requests refused before Spring MVC sees them — by Tomcat (an invalid URI), by Spring
 * Security's firewall ({@code ..}, {@code //}, {@code ;}, encoded slashes), or by {@link RequestGuard}:
 * problem+json under {@code /api/}, a plain page in the user's language elsewhere, never Tomcat's own page
 * or a stack trace. Nothing here may read request parameters: they may be what was wrong.
 */
@Component
public class EarlyErrors {
    private static final String TYPE_BASE = "https://qiyue.io/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;
    private final FieldLabels labels;

    EarlyErrors(MessageSource messages, ObjectProvider<LocaleResolver> locales, FieldLabels labels) {
        this.messages = messages;
        this.locales = locales;
        this.labels = labels;
    }

    /** A problem without field errors: {@code type} names the title ({@code qiyue.title.<type>}), {@code code} the detail. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String code,
                      Object... args) throws IOException {
        write(request, response, status, type, code, args, List.of());
    }

    /** A 400 naming one field (a parameter or header) and what is wrong with it. */
    void writeInvalid(HttpServletRequest request, HttpServletResponse response, String field, String code,
                      Object... args) throws IOException {
        Locale locale = locale(request);
        String message = labels.withMessage(field, messages.getMessage(code, args, code, locale), locale);
        write(request, response, 400, "validation", "qiyue.problem.invalid", new Object[0],
                List.of(Map.of("field", field, "message", message)));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String code,
                       Object[] args, List<Map<String, String>> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Locale locale = locale(request);
        String title = messages.getMessage("qiyue.title." + type, null, "Error", locale);
        String detail = messages.getMessage(code, args, code, locale);
        if (errors.size() == 1) {
            // the message names the field by its label already
            detail = errors.getFirst().get("message");
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(request)) {
            var body = new LinkedHashMap<String, Object>();
            body.put("type", TYPE_BASE + type);
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            if (!errors.isEmpty()) {
                body.put("errors", errors);
            }
            response.setContentType("application/problem+json");
            response.getWriter().write(JSON.writeValueAsString(body));
        } else {
            boolean english = "en".equals(locale.getLanguage());
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("""
                    <!DOCTYPE html>
                    <html lang="%s"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s · %s</title><link rel="stylesheet" href="/webjars/bootstrap/css/bootstrap.min.css"></head>
                    <body><main class="container py-4"><h1 class="h3">%d %s</h1><p class="lead" id="error-detail">%s</p>
                    <p><a href="/" class="btn btn-outline-primary">%s</a></p></main></body></html>
                    """.formatted(english ? "en" : "zh-CN", html(message("error.title", locale)),
                    html(message("app.name", locale)), status, html(message("error.title", locale)), html(detail),
                    html(message("error.home", locale))));
        }
        response.flushBuffer();
    }

    /** A browser's request outside /api/: it asks for HTML. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") && !isApi(request);
    }

    /**
     * Under /api/; or, when Tomcat could not even read the address (a request line over its limit), any
     * client that does not ask for HTML.
     */
    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null || uri.isEmpty()) {
            String accept = request.getHeader("Accept");
            return accept == null || !accept.contains("text/html");
        }
        return uri.startsWith("/api/") || uri.equals("/api");
    }

    private Locale locale(HttpServletRequest request) {
        var resolver = locales.getIfAvailable();
        try {
            return resolver == null ? Locale.SIMPLIFIED_CHINESE : resolver.resolveLocale(request);
        } catch (RuntimeException unreadable) {
            return Locale.SIMPLIFIED_CHINESE;
        }
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }

    private static String html(String s) {
        return HtmlUtils.htmlEscape(s, StandardCharsets.UTF_8.name());
    }
}

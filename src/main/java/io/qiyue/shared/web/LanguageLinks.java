package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

/**
 * The header's links to the page in the other language: the page's own query with {@code lang} set, so that a
 * filtered list stays filtered and a page that needs its parameters still opens. Only the query string is kept,
 * never the fields of a form posted to the page. A page shown in answer to a form (a refusal shown beside the form,
 * at the form's POST address) links to the page the form was sent from, as the browser's Referer names it on this
 * site: that address answers GET, the form's own does not (405, an outside tester). For the UI's controllers only; a
 * page without them (an error page) links to {@code ?lang=…} alone.
 */
@ControllerAdvice(annotations = PageController.class)
class LanguageLinks {

    /** The two links, as {@code languageLinks.en} and {@code languageLinks.zh} in the layout. */
    record Links(String en, String zh) {
    }

    @ModelAttribute("languageLinks")
    Links languageLinks(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            URI from = sameSite(referer(request), request);
            if (from != null) {
                return of(from.getRawPath(), from.getRawQuery());
            }
        }
        return of(null, request.getQueryString());
    }

    static Links of(String query) {
        return of(null, query);
    }

    static Links of(String path, String query) {
        return new Links(to(path, query, "en"), to(path, query, "zh-CN"));
    }

    /** The Referer, or null when the request's firewall refuses to read it (raw bytes outside ASCII: a 500 before). */
    private static String referer(HttpServletRequest request) {
        try {
            return request.getHeader("Referer");
        } catch (org.springframework.security.web.firewall.RequestRejectedException unreadable) {
            return null;
        }
    }

    /** The Referer when it is a page of this site (same scheme, host and port as the request), else null. */
    static URI sameSite(String referer, HttpServletRequest request) {
        if (referer == null || referer.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(referer.strip());
            String host = request.getHeader("Host");
            boolean ours = uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getRawAuthority() != null && host != null && uri.getRawAuthority().equalsIgnoreCase(host);
            String path = uri.getRawPath();
            return ours && path != null && path.startsWith("/") && !path.startsWith("//") ? uri : null;
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static String to(String path, String query, String language) {
        var link = path == null ? UriComponentsBuilder.newInstance() : UriComponentsBuilder.fromPath(path);
        if (query != null && !query.isBlank()) {
            link.query(query);
        }
        return link.replaceQueryParam("lang", language).build().toUriString();
    }
}

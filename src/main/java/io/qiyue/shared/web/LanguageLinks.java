package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The header's links to the page in the other language: the page's own query with {@code lang} set, so that a
 * filtered list stays filtered and a page that needs its parameters still opens. Only the query string is kept,
 * never the fields of a form posted to the page. For the UI's controllers only; a page without them (an error page)
 * links to {@code ?lang=…} alone.
 */
@ControllerAdvice(annotations = PageController.class)
class LanguageLinks {

    /** The two links, as {@code languageLinks.en} and {@code languageLinks.zh} in the layout. */
    record Links(String en, String zh) {
    }

    @ModelAttribute("languageLinks")
    Links languageLinks(HttpServletRequest request) {
        return of(request.getQueryString());
    }

    static Links of(String query) {
        return new Links(to(query, "en"), to(query, "zh-CN"));
    }

    private static String to(String query, String language) {
        var link = UriComponentsBuilder.newInstance();
        if (query != null && !query.isBlank()) {
            link.query(query);
        }
        return link.replaceQueryParam("lang", language).build().toUriString();
    }
}

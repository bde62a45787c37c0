package io.qiyue.shared.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.util.Locale;

/**
 * zh-CN unless the user chose otherwise: a {@code lang} cookie set from the UI's switch wins, then
 * the Accept-Language header (for API clients), then Chinese.
 */
@Configuration(proxyBeanMethods = false)
class Locales implements WebMvcConfigurer {
    static final String COOKIE = ChosenLanguage.COOKIE;
    private static final String CHOSEN = Locales.class.getName() + ".CHOSEN";

    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                // a language chosen by this very request (?lang=en) applies to its own answer, not only the next
                if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
                    return chosen;
                }
                // ?lang= on an answer no handler gives (a 404 of a mistyped path, another error page): the
                // interceptor below only runs for mapped handlers (outside tester: ?lang=zh-CN answered in English)
                String asked = asked(request);
                if (asked != null) {
                    return supported(Locale.forLanguageTag(asked));
                }
                var chosen = ChosenLanguage.of(request);
                if (chosen.isPresent()) {
                    return chosen.get();
                }
                String header = request.getHeader("Accept-Language");
                if (header == null || header.isBlank()) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                try {
                    // ranges come sorted by weight: "en;q=0.1, zh;q=0.9" is Chinese; zh matches zh-CN
                    for (var range : Locale.LanguageRange.parse(header)) {
                        if (range.getWeight() == 0) {
                            continue;
                        }
                        if (range.getRange().startsWith("en")) {
                            return Locale.ENGLISH;
                        }
                        if (range.getRange().startsWith("zh")) {
                            return Locale.SIMPLIFIED_CHINESE;
                        }
                    }
                } catch (IllegalArgumentException malformed) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                return Locale.SIMPLIFIED_CHINESE;
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                Locale chosen = supported(locale);
                request.setAttribute(CHOSEN, chosen);
                var cookie = new Cookie(COOKIE, chosen.toLanguageTag());
                cookie.setPath("/");
                cookie.setHttpOnly(true);
                cookie.setMaxAge(365 * 24 * 3600);
                response.addCookie(cookie);
            }
        };
    }

    /** The {@code lang} parameter when it names a language, null otherwise (also for a query that is not UTF-8). */
    private static String asked(HttpServletRequest request) {
        try {
            String lang = request.getParameter("lang");
            return lang != null && lang.matches("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*") ? lang.replace('_', '-') : null;
        } catch (IllegalStateException undecodable) {
            return null;
        }
    }

    private static Locale supported(Locale locale) {
        return ChosenLanguage.supported(locale);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws jakarta.servlet.ServletException {
                try {
                    return super.preHandle(request, response, handler);
                } catch (IllegalStateException undecodable) {
                    // Tomcat refuses to read any parameter of a query that is not UTF-8 (?error=%ff): then
                    // there is no language switch in it either, and the page decides what else to make of it
                    return true;
                }
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}

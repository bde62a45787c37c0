package io.qiyue.security.web;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.UserAdministration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Locale;

/**
 * A signed-in user's {@code ?lang=} (the UI's language switch; an API client may add it to any request) is kept on
 * their account as well as in the cookie, so that what Qiyue sends them later, when there is no request to read it
 * from (an e-mail, a digest), is in the language they chose. Only a supported choice is kept, as the locale
 * resolver reads it (en…, zh…); anything else changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class LanguageChoice implements WebMvcConfigurer {
    private final UserAdministration users;

    LanguageChoice(UserAdministration users) {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = parameter(request);
                if (lang == null) {
                    return true;
                }
                Locale chosen = lang.startsWith("en") ? Locale.ENGLISH
                        : lang.startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : null;
                if (chosen != null) {
                    CurrentUsers.current().ifPresent(me -> users.chooseLanguage(me.username(), chosen));
                }
                return true;
            }
        });
    }

    private static String parameter(HttpServletRequest request) {
        if (request.getQueryString() == null || !request.getQueryString().contains("lang=")) {
            return null;
        }
        try {
            String lang = request.getParameter("lang");
            return lang == null ? null : lang.strip().toLowerCase(Locale.ROOT);
        } catch (IllegalStateException undecodable) {
            // a query that is not UTF-8: Tomcat reads none of its parameters, so it holds no choice either
            return null;
        }
    }
}

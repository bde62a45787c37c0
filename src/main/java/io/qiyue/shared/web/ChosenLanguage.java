package io.qiyue.shared.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.Optional;

/**
 * The language chosen on this browser with the UI's switch (its cookie), as opposed to one the browser merely
 * accepts: at sign-in the security module keeps a choice made before signing in (on the sign-in page) on the
 * account, for what is sent to the user later.
 */
public final class ChosenLanguage {
    static final String COOKIE = "qiyue-lang";

    private ChosenLanguage() {
    }

    public static Optional<Locale> of(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    return Optional.of(supported(Locale.forLanguageTag(cookie.getValue())));
                }
            }
        }
        return Optional.empty();
    }

    /** English or Chinese: the two languages Qiyue speaks, Chinese for anything else. */
    static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}

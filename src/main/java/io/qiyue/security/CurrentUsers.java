package io.qiyue.security;

import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The user of the current request, from Spring Security's context. */
public final class CurrentUsers {
    private CurrentUsers() {
    }

    public static Optional<CurrentUser> current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal principal) {
            return Optional.of(principal.user());
        }
        return Optional.empty();
    }

    /** The current user; only called behind authentication, so absence is a programming error. */
    public static CurrentUser require() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated user in this request"));
    }

    /** Name of the acting user for audit records; "system" for work done outside a request. */
    public static String actorName() {
        return current().map(CurrentUser::username).orElse("system");
    }
}

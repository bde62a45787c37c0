package io.qiyue.security;

import io.qiyue.shared.NotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs work outside a request (start-up data, jobs) as a named user, so that the same services,
 * data scopes and audit trail apply as for a person in the UI.
 */
@Component
public class RunAs {
    private final Users users;

    RunAs(Users users) {
        this.users = users;
    }

    public <T> T user(String username, Supplier<T> work) {
        var user = users.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "user", username));
        var principal = AccountPrincipal.of(user);
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}

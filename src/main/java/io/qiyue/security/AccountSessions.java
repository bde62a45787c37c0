package io.qiyue.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * UI sessions follow the account. A session keeps the principal made at sign-in, with the versions of
 * the user's row and credentials it was made from; every request of the session reads the user's row
 * again (one primary-key lookup) and
 * <ul>
 *   <li>ends the session when the user is gone or disabled, or their credentials moved on (a new
 *       password, set by them or by an admin; having been disabled): the request goes on as anonymous,
 *       so a page is sent to sign in (an htmx request gets 401 and {@code HX-Redirect});</li>
 *   <li>puts a principal made from the row into the session when anything else about the user changed
 *       (roles, team, name): the session goes on with the new rights from this very request.</li>
 * </ul>
 * Nothing is cached in this instance, so this holds as well with sessions in the database and several
 * instances: every instance compares with the same row.
 */
@Component
public class AccountSessions {
    private final Users users;
    private final SecurityContextRepository repository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    AccountSessions(Users users) {
        this.users = users;
    }

    SecurityContextRepository repository() {
        return repository;
    }

    /**
     * After the signed-in user changed their own password (or an admin their own account) in this
     * session: the session takes the new state of the account, so that it goes on while the user's other
     * sessions end, and gets a new id, as at sign-in.
     */
    public void keepCurrent(HttpServletRequest request, HttpServletResponse response) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            return;
        }
        users.findAccountById(principal.user().id()).filter(a -> a.user().enabled()).ifPresent(account -> {
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            replace(authentication, account, request, response);
        });
    }

    /**
     * The filter of the UI chain, placed where the session's security context has just been loaded.
     * Requests for the static files under {@code staticPaths} (a page loads several, and they are the same
     * for everybody) are not checked.
     */
    OncePerRequestFilter filter(List<String> staticPaths) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return staticPaths.stream().anyMatch(path::startsWith);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                check(request, response);
                chain.doFilter(request, response);
            }
        };
    }

    private void check(HttpServletRequest request, HttpServletResponse response) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            return;
        }
        var account = users.findAccountById(principal.user().id());
        if (account.isEmpty() || !account.get().user().enabled()
                || account.get().credentialsVersion() != principal.credentialsVersion()) {
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            return;
        }
        if (account.get().user().version() != principal.userVersion()) {
            replace(authentication, account.get(), request, response);
        }
    }

    private void replace(Authentication old, Users.Account account, HttpServletRequest request,
                         HttpServletResponse response) {
        var principal = AccountPrincipal.of(account);
        principal.eraseCredentials();
        // the roles come from the row; what else the sign-in granted (Spring Security's record of the
        // factor used, FACTOR_PASSWORD) stays
        var authorities = new ArrayList<GrantedAuthority>(principal.getAuthorities());
        old.getAuthorities().stream().filter(a -> a.getAuthority() == null || !a.getAuthority().startsWith("ROLE_"))
                .forEach(authorities::add);
        var refreshed = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        refreshed.setDetails(old.getDetails());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(refreshed);
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}

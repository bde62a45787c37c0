package io.qiyue.security;

import io.qiyue.shared.Ids;
import io.qiyue.shared.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * <p>
 * Each session also has a row of its own in {@code account_session} (made on its first request after sign-in),
 * which its owner sees under 登录会话 and may end: a session whose row is ended or gone ends on its next request,
 * on whichever instance it arrives. The row's last use is written at most once a minute.
 */
@Component
public class AccountSessions {
    /** The session attribute holding the id of the session's row. */
    private static final String ROW_ID = AccountSessions.class.getName() + ".row";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** Rows of sessions that ended this long ago are forgotten. */
    private static final Duration KEEP_ENDED = Duration.ofDays(30);

    private final Users users;
    private final AccountSessionStore store;
    private final Clock clock;
    private final Duration idleTimeout;
    private final SecurityContextRepository repository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    AccountSessions(Users users, AccountSessionStore store, Clock clock,
                    @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout) {
        this.users = users;
        this.store = store;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** The signed-in user's open sessions (ended and timed-out ones are not), the one asking marked. */
    public List<AccountSession> mine(HttpServletRequest request) {
        var user = CurrentUsers.require();
        return store.open(user.id(), clock.instant().minus(idleTimeout), currentRowId(request));
    }

    /** Ends one of the signed-in user's sessions (another user's is not found); it ends on its next request. */
    public void end(String sessionId) {
        if (!store.end(CurrentUsers.require().id(), sessionId, clock.instant())) {
            throw new NotFoundException("qiyue.problem.not-found", "session", sessionId);
        }
    }

    /** Ends every session of the signed-in user but the one asking; how many. */
    public int endOthers(HttpServletRequest request) {
        return store.endAllBut(CurrentUsers.require().id(), currentRowId(request), clock.instant());
    }

    /**
     * Gives a session its row as it signs in, before its next request: "end all my other sessions" then also
     * ends one that has signed in and not been used yet.
     */
    void signedIn(HttpServletRequest request, Authentication authentication) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(ROW_ID) == null
                && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            register(request, session, principal.user().id(), principal.credentialsVersion(), clock.instant());
        }
    }

    /** Marks the session's row ended at sign-out. */
    LogoutHandler logoutHandler() {
        return (request, response, authentication) -> {
            String rowId = currentRowId(request);
            if (rowId != null && authentication != null
                    && authentication.getPrincipal() instanceof AccountPrincipal principal) {
                store.end(principal.user().id(), rowId, clock.instant());
            }
        };
    }

    private static String currentRowId(HttpServletRequest request) {
        var session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(ROW_ID);
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
            String rowId = currentRowId(request);
            if (rowId != null) {
                store.credentialsChanged(rowId, account.credentialsVersion());
            }
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
            endSession(request);
            return;
        }
        if (!sessionRowOpen(request, principal)) {
            endSession(request);
            return;
        }
        if (account.get().user().version() != principal.userVersion()) {
            replace(authentication, account.get(), request, response);
        }
    }

    private static void endSession(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    /**
     * Whether the session may go on as far as its row says: a session without a row of its user (its first
     * request after sign-in, also after signing in as someone else without signing out) gets one; one whose row
     * was ended may not.
     */
    private boolean sessionRowOpen(HttpServletRequest request, AccountPrincipal principal) {
        String userId = principal.user().id();
        var session = request.getSession(false);
        if (session == null) {
            return true;
        }
        Instant now = clock.instant();
        String rowId = (String) session.getAttribute(ROW_ID);
        var row = rowId == null ? Optional.<AccountSessionStore.Row>empty() : store.find(rowId);
        if (rowId == null || row.isPresent() && !row.get().userId().equals(userId)) {
            register(request, session, userId, principal.credentialsVersion(), now);
            return true;
        }
        if (row.isEmpty() || row.get().endedAt() != null) {
            return false;
        }
        if (row.get().lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            store.touch(rowId, now);
        }
        return true;
    }

    private void register(HttpServletRequest request, HttpSession session, String userId, int credentialsVersion,
                          Instant now) {
        String rowId = Ids.newId();
        store.forget(userId, now.minus(KEEP_ENDED));
        store.insert(rowId, userId, credentialsVersion, now, clip(request.getRemoteAddr(), 64),
                clip(request.getHeader("User-Agent"), 255));
        session.setAttribute(ROW_ID, rowId);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
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

package io.qiyue.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Spring Security's view of a user: the public {@link CurrentUser}, the password hash at login, and the
 * versions of the user's row and credentials it was made from, which a UI session compares with the
 * database on every request. Serializable, as it is kept in the session.
 */
final class AccountPrincipal implements UserDetails, CredentialsContainer {
    @Serial
    private static final long serialVersionUID = 1L;

    private final CurrentUser user;
    private final boolean enabled;
    private final int userVersion;
    private final int credentialsVersion;
    private String passwordHash;

    private AccountPrincipal(CurrentUser user, boolean enabled, int userVersion, int credentialsVersion,
                             String passwordHash) {
        this.user = user;
        this.enabled = enabled;
        this.userVersion = userVersion;
        this.credentialsVersion = credentialsVersion;
        this.passwordHash = passwordHash;
    }

    static AccountPrincipal of(Users.Account account) {
        return of(account.user(), account.credentialsVersion(), account.passwordHash());
    }

    /** A principal for one request that never lives in a session (API token, work run as a user). */
    static AccountPrincipal of(User user) {
        return of(user, 0, null);
    }

    private static AccountPrincipal of(User user, int credentialsVersion, String passwordHash) {
        return new AccountPrincipal(new CurrentUser(user.id(), user.username(), user.displayName(), user.roles(),
                user.teamId()), user.enabled(), user.version(), credentialsVersion, passwordHash);
    }

    CurrentUser user() {
        return user;
    }

    int userVersion() {
        return userVersion;
    }

    int credentialsVersion() {
        return credentialsVersion;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountPrincipal other && other.user.id().equals(user.id());
    }

    @Override
    public int hashCode() {
        return user.id().hashCode();
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + user.username() + "]";
    }
}

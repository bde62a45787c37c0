package io.qiyue.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** Spring Security's view of a user: the public {@link CurrentUser} plus the password hash at login. */
final class AccountPrincipal implements UserDetails, CredentialsContainer {
    private final CurrentUser user;
    private final boolean enabled;
    private String passwordHash;

    AccountPrincipal(CurrentUser user, boolean enabled, String passwordHash) {
        this.user = user;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
    }

    static AccountPrincipal of(User user, String passwordHash) {
        return new AccountPrincipal(new CurrentUser(user.id(), user.username(), user.displayName(), user.roles(),
                user.teamId()), user.enabled(), passwordHash);
    }

    CurrentUser user() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
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

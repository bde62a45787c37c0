package io.qiyue.security;

import org.springframework.stereotype.Service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data-scope policy in one place.
 * <ul>
 *   <li>ADMIN reads and writes everything.</li>
 *   <li>SALES reads and writes what they own; SALES_MANAGER what their team owns.</li>
 *   <li>LEGAL, FINANCE and VIEWER read everything; LEGAL also writes contracts (legal drafts and
 *       edits terms); FINANCE and VIEWER write neither customers nor contracts.</li>
 * </ul>
 * A record outside the read scope must look absent (404); inside the read scope but outside the
 * write scope is a 403.
 */
@Service
public class DataScopes {
    private final Users users;

    DataScopes(Users users) {
        this.users = users;
    }

    public OwnerScope read(CurrentUser user) {
        if (user.has(Role.ADMIN) || user.has(Role.LEGAL) || user.has(Role.FINANCE) || user.has(Role.VIEWER)) {
            return OwnerScope.ALL;
        }
        return salesScope(user);
    }

    public OwnerScope write(CurrentUser user, ScopedResource resource) {
        if (user.has(Role.ADMIN) || (resource == ScopedResource.CONTRACT && user.has(Role.LEGAL))) {
            return OwnerScope.ALL;
        }
        return salesScope(user);
    }

    /**
     * Whether the user may create records of this kind at all, i.e. has a write scope for them: a matter of
     * roles only, so cheap enough for every page that offers a "new" button.
     */
    public boolean mayCreate(CurrentUser user, ScopedResource resource) {
        return user.has(Role.ADMIN) || user.has(Role.SALES) || user.has(Role.SALES_MANAGER)
                || (resource == ScopedResource.CONTRACT && user.has(Role.LEGAL));
    }

    /**
     * Whether {@code owner} may be assigned as owner by this user: themselves if they may create such records, or
     * an active user within their write scope whose roles let them own such records (a salesperson, a sales
     * manager, an admin; for contracts legal too), not a reader such as finance or a viewer — except by an admin,
     * who may hand records to any active user.
     */
    public boolean mayAssign(CurrentUser user, ScopedResource resource, String owner) {
        if (owner.equals(user.username())) {
            return mayCreate(user, resource);
        }
        if (!write(user, resource).includes(owner)) {
            return false;
        }
        return users.findByUsername(owner)
                .filter(u -> u.enabled() && (user.has(Role.ADMIN) || mayOwn(u.roles(), resource))).isPresent();
    }

    /** The users {@link #mayAssign} allows, by display name: the choices of a form's owner field. */
    public List<User> assignableOwners(CurrentUser user, ScopedResource resource) {
        if (!mayCreate(user, resource)) {
            return List.of();
        }
        var scope = write(user, resource);
        return users.enabled().stream()
                .filter(u -> u.username().equals(user.username()) || scope.includes(u.username()))
                .filter(u -> mayOwn(u.roles(), resource))
                .toList();
    }

    private static boolean mayOwn(Set<Role> roles, ScopedResource resource) {
        return roles.contains(Role.ADMIN) || roles.contains(Role.SALES) || roles.contains(Role.SALES_MANAGER)
                || (resource == ScopedResource.CONTRACT && roles.contains(Role.LEGAL));
    }

    /**
     * The read scope narrowed to one owner and/or the members of one team (the filters of reports and dashboards);
     * a blank filter narrows nothing. A filter outside the read scope gives an empty scope, not an error: the
     * report then shows nothing, as it would for an owner without contracts.
     */
    public OwnerScope readNarrowed(CurrentUser user, String owner, String teamId) {
        var scope = read(user);
        Set<String> wanted = null;
        if (owner != null && !owner.isBlank()) {
            wanted = Set.of(owner.strip());
        }
        if (teamId != null && !teamId.isBlank()) {
            var members = new HashSet<>(users.usernamesInTeam(teamId.strip()));
            if (wanted != null) {
                members.retainAll(wanted);
            }
            wanted = members;
        }
        if (wanted == null) {
            return scope;
        }
        if (scope.all()) {
            return OwnerScope.of(wanted);
        }
        var both = new HashSet<>(scope.owners());
        both.retainAll(wanted);
        return OwnerScope.of(both);
    }

    private OwnerScope salesScope(CurrentUser user) {
        Set<String> owners = new HashSet<>();
        if (user.has(Role.SALES_MANAGER) && user.teamId() != null) {
            owners.addAll(users.cachedUsernamesInTeam(user.teamId()));
        }
        if (user.has(Role.SALES) || user.has(Role.SALES_MANAGER)) {
            owners.add(user.username());
        }
        return owners.isEmpty() ? OwnerScope.NONE : OwnerScope.of(owners);
    }
}

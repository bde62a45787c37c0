package io.qiyue.security;

import java.util.Set;

/**
 * The owners whose records a user may reach for one purpose: either every owner, or a finite set
 * of usernames (themselves, or their team). An empty set means nothing at all.
 */
public record OwnerScope(boolean all, Set<String> owners) {

    public static final OwnerScope ALL = new OwnerScope(true, Set.of());
    public static final OwnerScope NONE = new OwnerScope(false, Set.of());

    public OwnerScope {
        owners = Set.copyOf(owners);
    }

    public static OwnerScope of(Set<String> owners) {
        return new OwnerScope(false, owners);
    }

    public boolean includes(String owner) {
        return all || owners.contains(owner);
    }

    public boolean isEmpty() {
        return !all && owners.isEmpty();
    }
}

package io.qiyue.review;

import io.qiyue.security.CurrentUser;
import io.qiyue.security.OwnerScope;
import io.qiyue.security.Role;

/**
 * Who may accept a warning of a rule (a setting per rule; {@code review/ruleset.json} gives the default).
 * Accepting is also a change of the contract: whoever accepts must be able to edit it in the first place.
 */
public enum AcceptanceAuthority {
    /** Whoever may edit the contract, its owner included: clarity and completeness warnings. */
    OWNER,
    /**
     * A second pair of eyes: a {@code LEGAL} user, or a {@code SALES_MANAGER} whose team owns the contract
     * and who is not its owner (a salesperson cannot accept their own 40% damages), or an administrator.
     */
    MANAGER_OR_LEGAL,
    /** Only a {@code LEGAL} user or an administrator. */
    LEGAL;

    /**
     * Whether {@code user}, who may edit the contract ({@code writeScope} is theirs), may accept for a contract
     * owned by {@code owner}.
     */
    public boolean permits(CurrentUser user, String owner, OwnerScope writeScope) {
        if (user.isAdmin() || user.has(Role.LEGAL)) {
            return true;
        }
        return switch (this) {
            case OWNER -> true;
            case MANAGER_OR_LEGAL -> user.has(Role.SALES_MANAGER) && !user.username().equals(owner)
                    && writeScope.includes(owner);
            case LEGAL -> false;
        };
    }
}

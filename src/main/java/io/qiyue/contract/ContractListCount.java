package io.qiyue.contract;

import io.qiyue.security.OwnerScope;

import java.util.OptionalLong;

/**
 * The contract list's total from somewhere cheaper than {@code COUNT(*)} over the contract table, answered by the
 * search module (the core does not import it): its index holds every contract with its type, status, customer and
 * owner, and counts them from its postings in milliseconds where the database reads a million rows. Only an exact
 * answer counts: when the index is behind the change log, or the filters are ones it does not hold, it declines
 * and the database counts.
 */
public interface ContractListCount {
    /**
     * The number of contracts in {@code scope} that match {@code query}, or empty when it cannot say exactly (filters
     * other than type, status, customer and owner; an index missing or behind the changes).
     */
    OptionalLong count(ContractQuery query, OwnerScope scope);

    /** Whether the filters are ones an index of type, status, customer and owner can count. */
    static boolean countable(ContractQuery query) {
        return (query.q() == null || query.q().isBlank()) && query.endsBefore() == null && query.endsAfter() == null
                && !query.notFullyPaid() && query.review() == null;
    }
}

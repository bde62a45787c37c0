package io.qiyue.contract;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The contract list answered in part from somewhere cheaper than the contract table, by the search module (the core
 * does not import it): its index holds every contract's title, number, type, status, customer and owner. It counts
 * them from its postings in milliseconds where the database reads a million rows, and it finds the few contracts
 * whose title or number holds the list's {@code q} without reading the table for a substring. Only an exact answer
 * counts: when the index is behind the change log it declines, and the database does it all.
 */
public interface ContractListIndex {
    /** At most this many matching contracts are named by id (the database then reads those rows only). */
    int ID_LIMIT = 2_000;

    /**
     * The contracts in {@code scope} that match the filters the index holds: {@code q} in the title (case ignored)
     * or the number, or a customer among {@code customerIdsMatchingQ}; type, status, customer and owner. Empty when
     * the index cannot say exactly (missing, behind the changes, a {@code q} it cannot look up). Filters the index
     * does not hold (end dates, open payments, review) are not applied: then the count is not the list's total, and
     * the ids are the only contracts that may be on it.
     */
    Optional<IndexMatches> match(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope);

    /** What the index can order the list by: the sortable columns whose values it holds exactly, as numbers. */
    enum Order { AMOUNT, START_DATE, END_DATE }

    /**
     * The ids of the list's page ({@code offset}, {@code size}) in the database's order, {@code order} then id, for
     * a query whose filters are all ones the index holds ({@link #countable}): when it can sort its matches exactly
     * as the database would, that is when every match has a value to sort by (where a database puts the ones
     * without one differs between databases). Empty otherwise. Then the database reads only the page's rows, where
     * otherwise it could walk far along an index of the sort column before it found a page of matches.
     */
    Optional<List<String>> page(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope,
                                Order order, boolean ascending, long offset, int size);

    /** Whether every filter of the query is one the index holds, so that the count of its matches is the list's total. */
    static boolean countable(ContractQuery query) {
        return query.endsBefore() == null && query.endsAfter() == null && !query.notFullyPaid()
                && query.review() == null;
    }
}

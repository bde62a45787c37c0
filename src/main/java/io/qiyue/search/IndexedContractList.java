package io.qiyue.search;

import io.qiyue.contract.ContractListIndex;
import io.qiyue.contract.ContractQuery;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The contract list's matches from the search index, which holds each contract's title, number, type, status,
 * customer and owner: only while the index has applied the whole change log (then it holds exactly what the database
 * does), so that the list stays exact; behind it (a burst of changes not yet applied, a rebuild of a missing index)
 * the database does it all.
 */
@Component
class IndexedContractList implements ContractListIndex {
    private final SearchIndex index;
    private final SearchChangeLog changes;

    IndexedContractList(SearchIndex index, SearchChangeLog changes) {
        this.index = index;
        this.changes = changes;
    }

    @Override
    public Optional<IndexMatches> match(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope) {
        var filter = filter(query, customerIdsMatchingQ);
        // without a text the list reads its page from the database by its own indexes: the count is all it needs
        return changes.allAppliedTo(index) ? index.matchContracts(scope, filter, filter.text() == null ? 0 : ID_LIMIT)
                : Optional.empty();
    }

    @Override
    public Optional<List<String>> page(ContractQuery query, Collection<String> customerIdsMatchingQ, OwnerScope scope,
                                       Order order, boolean ascending, long offset, int size) {
        if (!ContractListIndex.countable(query) || !changes.allAppliedTo(index)) {
            return Optional.empty();
        }
        return index.pageContracts(scope, filter(query, customerIdsMatchingQ), order, ascending, offset, size);
    }

    private static ContractFilter filter(ContractQuery query, Collection<String> customerIdsMatchingQ) {
        String text = query.q() == null || query.q().isBlank() ? null : query.q().trim();
        return new ContractFilter(text, text == null ? java.util.Set.of() : customerIdsMatchingQ,
                query.type() == null ? null : query.type().name(), query.status() == null ? null
                : query.status().name(), blankToNull(query.customerId()), blankToNull(query.owner()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

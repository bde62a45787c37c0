package io.qiyue.search;

import io.qiyue.contract.ContractListCount;
import io.qiyue.contract.ContractQuery;
import io.qiyue.security.OwnerScope;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * The contract list's total counted in the search index, which holds each contract's type, status, customer and
 * owner: only while the index has applied the whole change log (then it holds exactly what the database does), so
 * that the list's {@code total} stays exact; behind it (a burst of changes not yet applied, a rebuild of a missing
 * index), or for filters it does not hold, the database counts.
 */
@Component
class IndexedContractCount implements ContractListCount {
    private final SearchIndex index;
    private final SearchChangeLog changes;

    IndexedContractCount(SearchIndex index, SearchChangeLog changes) {
        this.index = index;
        this.changes = changes;
    }

    @Override
    public OptionalLong count(ContractQuery query, OwnerScope scope) {
        if (!ContractListCount.countable(query)) {
            return OptionalLong.empty();
        }
        long applied = index.appliedSequence();
        if (applied < 0 || applied < changes.last()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(index.countContracts(scope, query.type() == null ? null : query.type().name(),
                query.status() == null ? null : query.status().name(), blankToNull(query.customerId()),
                blankToNull(query.owner())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

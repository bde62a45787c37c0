package io.qiyue.search;

import io.qiyue.customer.CustomerTextIndex;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Customers found by name or credit code in the search index, only while it has applied the whole change log. */
@Component
class IndexedCustomerText implements CustomerTextIndex {
    private final SearchIndex index;
    private final SearchChangeLog changes;

    IndexedCustomerText(SearchIndex index, SearchChangeLog changes) {
        this.index = index;
        this.changes = changes;
    }

    @Override
    public Optional<IndexMatches> match(String text, Where where, OwnerScope scope, int idLimit) {
        if (!changes.allAppliedTo(index) || text.isBlank()) {
            return Optional.empty();
        }
        return index.matchCustomers(scope, text.trim(), where == Where.NAME_OR_CREDIT_CODE, idLimit);
    }
}

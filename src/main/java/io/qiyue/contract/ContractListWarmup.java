package io.qiyue.contract;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Paging;
import io.qiyue.shared.Warmup;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The first list page prepares its statements and row mapping: the list is read once, filtered and not, and dropped. */
@Component
class ContractListWarmup implements Warmup {
    private final ContractStore store;

    ContractListWarmup(ContractStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "contract list";
    }

    @Override
    public void warm() {
        var paging = Paging.of(0, 20, null, Map.of("updatedAt", "updated_at"), "updatedAt,desc");
        var first = store.page(ContractQuery.ALL, List.of(), OwnerScope.ALL, paging);
        store.page(new ContractQuery(null, null, ContractStatus.DRAFT, null, null, null, null, false,
                ReviewState.Filter.OPEN), List.of(), OwnerScope.ALL, paging);
        first.items().stream().findFirst().ifPresent(c -> store.find(c.id()));
    }
}

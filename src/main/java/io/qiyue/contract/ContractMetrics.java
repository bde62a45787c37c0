package io.qiyue.contract;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qiyue.shared.AfterCommit;
import io.qiyue.shared.EntitiesChanged;
import io.qiyue.shared.EntityChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Contracts created (drafted, renewed or imported), counted once their transaction committed. A plain listener
 * rather than a transactional one, so that counting adds no row to the event publication registry. (Not
 * "contracts.created": Prometheus reserves names ending in {@code _created} and would drop that part.)
 */
@Component
class ContractMetrics {
    private final Counter created;

    ContractMetrics(MeterRegistry registry) {
        this.created = Counter.builder("qiyue.contract.creations").description("Contracts created")
                .register(registry);
    }

    @EventListener
    void on(EntityChanged change) {
        if (isCreation(change)) {
            AfterCommit.run(created::increment);
        }
    }

    /** An import's bulk path announces its contracts in one event. */
    @EventListener
    void on(EntitiesChanged changes) {
        long creations = changes.changes().stream().filter(ContractMetrics::isCreation).count();
        if (creations > 0) {
            AfterCommit.run(() -> created.increment(creations));
        }
    }

    private static boolean isCreation(EntityChanged change) {
        return change.entityType().equals("CONTRACT") && change.action() == EntityChanged.Action.CREATE;
    }
}

package io.qiyue.review;

import io.qiyue.contract.Contracts;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.NotFoundException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * Reviews a contract's current version within the caller's data scope ({@link Contracts#get} is a 404
 * outside it) and keeps the last result per contract.
 */
@Service
public class Reviews {
    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final ReviewStore store;
    private final ReviewEngine engine;
    private final Clock clock;

    Reviews(Contracts contracts, Customers customers, OurEntities ourEntities, ReviewStore store, Environment environment,
            Clock clock) {
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.store = store;
        // per-installation settings: qiyue.review.settings.QY-V001.thresholdPercent=25
        Map<String, String> settings = Binder.get(environment)
                .bind("qiyue.review.settings", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        this.engine = new ReviewEngine(Ruleset.standard(settings), ReviewEngine.defaultMessages());
        this.clock = clock;
    }

    public ReviewEngine engine() {
        return engine;
    }

    /** Runs the review of the contract's current version, stores it as the contract's last review and returns it. */
    @Transactional
    public StoredReview review(String contractId, Locale locale) {
        var contract = contracts.get(contractId);
        var customer = customers.party(contract.customerId()).orElse(null);
        var ourEntity = ourEntities.party(contract.ourEntityId()).orElse(null);
        Instant now = clock.instant();
        var subject = ReviewSubject.of(contract, customer, ourEntity, LocalDate.ofInstant(now, clock.getZone()));
        var evaluation = engine.evaluate(subject);
        var row = new ReviewStore.Row(contract.id(), contract.version(), evaluation, now,
                CurrentUsers.require().username());
        store.save(row);
        return view(row, locale);
    }

    /** The last stored review of a contract the caller may read; 404 when the contract was never reviewed. */
    @Transactional(readOnly = true)
    public StoredReview last(String contractId, Locale locale) {
        contracts.get(contractId);
        return store.find(contractId).map(row -> view(row, locale))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "review", contractId));
    }

    private StoredReview view(ReviewStore.Row row, Locale locale) {
        var review = engine.localise(row.evaluation(), locale);
        return new StoredReview(row.contractId(), row.contractVersion(), review.rulesetVersion(), review.findings(),
                review.blockers(), review.warnings(), review.infos(), review.errors(), row.reviewedAt(),
                row.reviewedBy());
    }
}

package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.ScopedResource;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/**
 * Who may accept the warnings of each rule: the ruleset's default ({@code "acceptedBy"}: legal or the
 * owner's manager for QY-V00x and QY-P00x, the owner for the rest) unless an admin chose otherwise. Everyone
 * may read the policies (the review panel says who may accept); only admins change them, with If-Match.
 */
@Service
public class AcceptancePolicies {
    static final String AUDIT_TYPE = "REVIEW_ACCEPTANCE_POLICY";

    private final AcceptancePolicyStore store;
    private final ReviewEngines engines;
    private final DataScopes scopes;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AcceptancePolicies(AcceptancePolicyStore store, ReviewEngines engines, DataScopes scopes, Clock clock,
                       ApplicationEventPublisher events) {
        this.store = store;
        this.engines = engines;
        this.scopes = scopes;
        this.clock = clock;
        this.events = events;
    }

    /** Every rule of the ruleset with who may accept its warnings. */
    @Transactional(readOnly = true)
    public List<AcceptancePolicy> all() {
        CurrentUsers.require();
        var chosen = new HashMap<String, AcceptancePolicyStore.Row>();
        store.all().forEach(r -> chosen.put(r.ruleId(), r));
        return engines.shipped().ruleIds().stream().map(id -> view(id, chosen.get(id))).toList();
    }

    /** One rule's policy; 404 for a rule the ruleset does not have. */
    @Transactional(readOnly = true)
    public AcceptancePolicy get(String ruleId) {
        CurrentUsers.require();
        requireRule(ruleId);
        return view(ruleId, store.find(ruleId).orElse(null));
    }

    /** Who may accept the rule's warnings now. */
    @Transactional(readOnly = true)
    public AcceptanceAuthority authority(String ruleId) {
        return store.find(ruleId).map(AcceptancePolicyStore.Row::acceptedBy)
                .orElseGet(() -> engines.shipped().defaultAcceptance(ruleId));
    }

    /** Whether the current user may accept the rule's warnings on this contract (which they may edit). */
    public boolean mayAccept(Contract contract, String ruleId) {
        return mayAccept(contract, authority(ruleId));
    }

    boolean mayAccept(Contract contract, AcceptanceAuthority authority) {
        CurrentUser user = CurrentUsers.require();
        return authority.permits(user, contract.owner(), scopes.write(user, ScopedResource.CONTRACT));
    }

    /** 403 naming who may accept, unless the current user may. */
    void requireMayAccept(Contract contract, String ruleId) {
        var authority = authority(ruleId);
        if (!mayAccept(contract, authority)) {
            throw new ForbiddenException("qiyue.review.accept-needs." + authority.name(), ruleId);
        }
    }

    /**
     * Sets who may accept the rule's warnings (admins): 404 for an unknown rule, 400 without a value, 412
     * when the policy's version is not {@code expectedVersion}. Acceptances already made stay.
     */
    @Transactional
    public AcceptancePolicy change(String ruleId, int expectedVersion, AcceptanceAuthority acceptedBy) {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        requireRule(ruleId);
        if (acceptedBy == null) {
            throw new InvalidInputException("acceptedBy", "qiyue.validation.required");
        }
        var current = store.find(ruleId);
        int version = current.map(AcceptancePolicyStore.Row::version).orElse(0);
        if (version != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", version);
        }
        AcceptanceAuthority before = current.map(AcceptancePolicyStore.Row::acceptedBy)
                .orElseGet(() -> engines.shipped().defaultAcceptance(ruleId));
        if (current.isPresent() && before == acceptedBy) {
            return view(ruleId, current.get());
        }
        String user = CurrentUsers.require().username();
        Instant now = clock.instant();
        boolean written = current.isEmpty() ? store.insert(ruleId, acceptedBy, user, now)
                : store.update(ruleId, acceptedBy, expectedVersion, user, now);
        if (!written) {
            throw new PreconditionFailedException("qiyue.problem.stale",
                    store.find(ruleId).map(AcceptancePolicyStore.Row::version).orElse(0));
        }
        events.publishEvent(new EntityChanged(AUDIT_TYPE, ruleId, current.isEmpty() ? EntityChanged.Action.CREATE
                : EntityChanged.Action.UPDATE, CurrentUsers.actorName(), now,
                List.of(new EntityChanged.Change("acceptedBy", before.name(), acceptedBy.name()))));
        return view(ruleId, store.find(ruleId).orElseThrow());
    }

    private void requireRule(String ruleId) {
        if (!engines.shipped().ruleIds().contains(ruleId)) {
            throw new NotFoundException("qiyue.problem.not-found", "rule", ruleId);
        }
    }

    private AcceptancePolicy view(String ruleId, AcceptancePolicyStore.Row row) {
        var fallback = engines.shipped().defaultAcceptance(ruleId);
        return row == null ? new AcceptancePolicy(ruleId, fallback, fallback, false, 0, null, null)
                : new AcceptancePolicy(ruleId, row.acceptedBy(), fallback, true, row.version(), row.updatedBy(),
                row.updatedAt());
    }

    /** The authority's name for people, e.g. "法务或负责人的团队经理". */
    public static String messageKey(AcceptanceAuthority authority) {
        return "review.acceptedBy." + authority.name();
    }
}

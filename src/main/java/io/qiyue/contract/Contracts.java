package io.qiyue.contract;

import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.ScopedResource;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drafting contracts within the caller's data scope. Every saved change bumps the version, writes an
 * immutable version row with the SHA-256 of the saved content, and an audit event, in one transaction.
 */
@Service
public class Contracts {
    private static final Map<String, String> SORTABLE = Map.of("number", "contract_no", "title", "title",
            "updatedAt", "updated_at", "startDate", "start_date", "endDate", "end_date", "amount", "amount_value",
            "status", "status", "type", "type");

    private final ContractStore store;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final DataScopes scopes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    /** Resolved on use: the gates (review) depend on this service themselves. */
    private final ObjectProvider<SubmissionGate> gates;

    Contracts(ContractStore store, Customers customers, OurEntities ourEntities, DataScopes scopes,
              PlatformTransactionManager transactions, Clock clock,
              ApplicationEventPublisher events, JsonMapper json, ObjectProvider<SubmissionGate> gates) {
        this.gates = gates;
        this.store = store;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.scopes = scopes;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    public PageResult<ContractSummary> list(ContractQuery query, Integer page, Integer size, String sort) {
        var user = CurrentUsers.require();
        var paging = Paging.of(page, size, sort, SORTABLE, "updatedAt,desc");
        var scope = scopes.read(user);
        if (scope.isEmpty()) {
            return new PageResult<>(List.of(), paging.page(), paging.size(), 0);
        }
        List<String> customerIds = query.q() == null || query.q().isBlank() ? List.of()
                : customers.idsByName(query.q(), 500);
        var result = store.page(query, customerIds, scope, paging);
        var names = customers.names(new HashSet<>(result.items().stream().map(ContractSummary::customerId).toList()));
        return result.map(s -> new ContractSummary(s.id(), s.number(), s.type(), s.title(), s.customerId(),
                names.get(s.customerId()), s.owner(), s.amount(), s.startDate(), s.endDate(), s.status(), s.version(),
                s.updatedAt()));
    }

    /**
     * The caller's contracts in batches for background work (e.g. re-reviewing the portfolio): the next
     * {@code limit} after {@code afterId} in id order (null: the first), without customer names.
     */
    public List<Contract> batchAfter(String afterId, int limit) {
        var scope = scopes.read(CurrentUsers.require());
        if (scope.isEmpty() || limit <= 0) {
            return List.of();
        }
        return store.after(afterId, Math.min(limit, 1000), scope);
    }

    public Contract get(String id) {
        return withCustomerName(readable(id, CurrentUsers.require()));
    }

    public Optional<Contract> findVisible(String id) {
        var user = CurrentUsers.require();
        return store.find(id).filter(c -> scopes.read(user).includes(c.owner())).map(this::withCustomerName);
    }

    /** The contract as input, the base of a merge patch; only for users who may change it. */
    public ContractInput editable(String id) {
        return writable(id, CurrentUsers.require()).toInput();
    }

    /** Whether the caller may change this contract, read through {@link #get} (data scope and role), whatever its status. */
    public boolean mayChange(Contract contract) {
        return mayWrite(CurrentUsers.require(), contract);
    }

    /** The contract as {@link #get} reads it, for a caller who may change it: 403 otherwise, 404 outside the read scope. */
    public Contract getChangeable(String id) {
        return withCustomerName(writable(id, CurrentUsers.require()));
    }

    /** Whether the caller may create contracts at all (403 otherwise, for the form as for the save). */
    public boolean mayCreate() {
        return scopes.mayCreate(CurrentUsers.require(), ScopedResource.CONTRACT);
    }

    public Contract create(ContractInput input) {
        var user = CurrentUsers.require();
        if (!mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        String owner = Text.isBlank(input.owner()) ? user.username() : input.owner().trim();
        String customerName = validate(input, owner, user, null);
        Instant now = clock.instant();
        int year = LocalDate.ofInstant(now, clock.getZone()).getYear();
        int sequence = allocateNumber(input.type().code(), year);
        String number = number(input.type(), year, sequence);
        var contract = new Contract(Ids.newId(), number, input.type(), input.title().trim(), input.customerId(),
                customerName,
                input.ourEntityId(), owner, input.amount() == null ? null : io.qiyue.shared.Money.cny(input.amount().value()),
                input.startDate(), input.endDate(), Boolean.TRUE.equals(input.autoRenew()), input.renewalNoticeDays(),
                ContractStatus.DRAFT, input.terms(), 1, now, user.username(), now);
        tx.executeWithoutResult(status -> {
            store.insert(contract);
            saveVersion(contract, user);
            publish(contract.id(), EntityChanged.Action.CREATE, null, contract);
        });
        return withCustomerName(contract);
    }

    public Contract update(String id, int expectedVersion, ContractInput input) {
        var user = CurrentUsers.require();
        return tx.execute(status -> {
            var before = writable(id, user);
            if (before.version() != expectedVersion) {
                throw new PreconditionFailedException("qiyue.problem.stale", before.version());
            }
            if (!before.status().editable()) {
                throw new ConflictException("qiyue.contract.not-editable", before.status());
            }
            if (input.type() != before.type()) {
                throw new InvalidInputException("type", "qiyue.contract.type-immutable");
            }
            String owner = Text.isBlank(input.owner()) ? before.owner() : input.owner().trim();
            String customerName = validate(input, owner, user, before);
            var after = new Contract(id, before.number(), before.type(), input.title().trim(), input.customerId(),
                    customerName,
                    input.ourEntityId(), owner,
                    input.amount() == null ? null : io.qiyue.shared.Money.cny(input.amount().value()),
                    input.startDate(), input.endDate(), Boolean.TRUE.equals(input.autoRenew()),
                    input.renewalNoticeDays(), before.status(), input.terms(), expectedVersion + 1,
                    before.createdAt(), before.createdBy(), clock.instant());
            if (!store.update(after, expectedVersion)) {
                throw new PreconditionFailedException("qiyue.problem.stale", expectedVersion);
            }
            saveVersion(after, user);
            publish(id, EntityChanged.Action.UPDATE, before, after);
            return withCustomerName(after);
        });
    }

    /**
     * The next number of a type and year, in a short transaction of its own so that the sequence row is
     * locked only briefly (a create that fails afterwards leaves a gap in the numbers, never a duplicate).
     * Only the first number of a year can race, when several transactions insert the sequence row: the
     * losers (a duplicate key; on MariaDB a deadlock between their gap locks) retry and then find the row.
     */
    int allocateNumber(String typeCode, int year) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> store.nextNumber(typeCode, year));
            } catch (org.springframework.dao.DuplicateKeyException
                     | org.springframework.dao.PessimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    /**
     * DRAFT → IN_APPROVAL, asked of every {@link SubmissionGate} first (see {@link #move}). The transition is a
     * new version of the contract, audited with the status change and the reason.
     */
    public Contract submit(String id, int expectedVersion, String reason) {
        return move(id, expectedVersion, ContractStatus.DRAFT, ContractStatus.IN_APPROVAL, reason);
    }

    /** IN_APPROVAL → DRAFT: the owner takes the contract back to change it. Audited with the reason. */
    public Contract withdraw(String id, int expectedVersion, String reason) {
        return move(id, expectedVersion, ContractStatus.IN_APPROVAL, ContractStatus.DRAFT, reason);
    }

    /**
     * A lifecycle transition. Into a state that {@linkplain ContractStatus#needsCleanReview() needs a clean
     * review}, every gate is asked first, outside the transition's transaction so that the fresh review it
     * stores survives a refusal; any blocking finding refuses with {@link SubmissionBlockedException}.
     */
    private Contract move(String id, int expectedVersion, ContractStatus from, ContractStatus to, String reason) {
        var user = CurrentUsers.require();
        if (to.needsCleanReview()) {
            var before = writable(id, user);
            checkTransition(before, expectedVersion, from, to);
            var blocking = new ArrayList<SubmissionGate.Blocking>();
            for (SubmissionGate gate : gates.orderedStream().toList()) {
                blocking.addAll(gate.blockingFindings(withCustomerName(before)));
            }
            if (!blocking.isEmpty()) {
                throw new SubmissionBlockedException(blocking);
            }
        }
        return transition(id, expectedVersion, from, to, reason, user);
    }

    private Contract transition(String id, int expectedVersion, ContractStatus from, ContractStatus to, String reason,
                                CurrentUser user) {
        return tx.execute(status -> {
            var before = writable(id, user);
            checkTransition(before, expectedVersion, from, to);
            var after = new Contract(id, before.number(), before.type(), before.title(), before.customerId(), null,
                    before.ourEntityId(), before.owner(), before.amount(), before.startDate(), before.endDate(),
                    before.autoRenew(), before.renewalNoticeDays(), to, before.terms(), expectedVersion + 1,
                    before.createdAt(), before.createdBy(), clock.instant());
            if (!store.updateStatus(after, expectedVersion)) {
                throw new PreconditionFailedException("qiyue.problem.stale", expectedVersion);
            }
            saveVersion(after, user);
            var changes = new ArrayList<>(JsonTrees.diff(json.valueToTree(auditView(before)),
                    json.valueToTree(auditView(after))));
            String why = Text.isBlank(reason) ? null : reason.strip();
            if (why != null) {
                changes.add(new EntityChanged.Change("reason", null, why));
            }
            events.publishEvent(new EntityChanged("CONTRACT", id, EntityChanged.Action.UPDATE,
                    CurrentUsers.actorName(), after.updatedAt(), changes));
            return withCustomerName(after);
        });
    }

    private static void checkTransition(Contract before, int expectedVersion, ContractStatus from, ContractStatus to) {
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        if (before.status() != from) {
            throw new ConflictException("qiyue.contract.transition-not-allowed", before.status(), to);
        }
    }

    public List<ContractVersion> versions(String id) {
        readable(id, CurrentUsers.require());
        return store.versions(id);
    }

    /**
     * A saved version as the contract it was (its number, parties, terms and status then); the customer's
     * name is the one on record now, as versions do not keep it.
     */
    public Contract savedVersion(String id, int version) {
        return withCustomerName(json.readValue(versionContent(id, version), Contract.class));
    }

    /** The saved content of one version, as canonical JSON. */
    public String versionContent(String id, int version) {
        readable(id, CurrentUsers.require());
        return store.versionContent(id, version)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version", id + "/" + version));
    }

    public Map<String, Long> countByType() {
        return store.countByType(scopes.read(CurrentUsers.require()));
    }

    /** Checks the input against the type and the references; returns the customer's name when it was looked up. */
    private String validate(ContractInput input, String owner, CurrentUser user, Contract before) {
        var violations = new ArrayList<FieldViolation>();
        ContractTermsParts.present(input.terms()).keySet().stream()
                .filter(part -> !input.type().allows(part))
                .forEach(part -> violations.add(new FieldViolation("terms." + part, "qiyue.contract.part-not-allowed",
                        input.type().nameZh(), input.type().nameEn())));
        if (input.startDate() != null && input.endDate() != null && input.endDate().isBefore(input.startDate())) {
            violations.add(new FieldViolation("endDate", "qiyue.contract.end-before-start"));
        }
        boolean free = input.terms().payment() != null && Boolean.TRUE.equals(input.terms().payment().noConsideration());
        if (input.type().paid() && input.amount() == null && !free) {
            violations.add(new FieldViolation("amount", "qiyue.contract.amount-required", input.type().nameZh(),
                    input.type().nameEn()));
        }
        String customerName = null;
        if (before == null || !before.customerId().equals(input.customerId())) {
            customerName = customers.findVisibleName(input.customerId()).orElse(null);
            if (customerName == null) {
                violations.add(new FieldViolation("customerId", "qiyue.validation.unknown-reference", input.customerId()));
            }
        }
        if (ourEntities.find(input.ourEntityId()).isEmpty()) {
            violations.add(new FieldViolation("ourEntityId", "qiyue.validation.unknown-reference", input.ourEntityId()));
        }
        if ((before == null || !before.owner().equals(owner)) && !scopes.mayAssign(user, ScopedResource.CONTRACT, owner)) {
            violations.add(new FieldViolation("owner", "qiyue.customer.owner-not-assignable", owner));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return customerName;
    }

    private Contract readable(String id, CurrentUser user) {
        return store.find(id).filter(c -> scopes.read(user).includes(c.owner()))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id));
    }

    private Contract writable(String id, CurrentUser user) {
        var contract = readable(id, user);
        if (!mayWrite(user, contract)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return contract;
    }

    private boolean mayWrite(CurrentUser user, Contract contract) {
        return scopes.write(user, ScopedResource.CONTRACT).includes(contract.owner());
    }

    private Contract withCustomerName(Contract c) {
        if (c.customerName() != null) {
            return c;
        }
        String name = customers.names(List.of(c.customerId())).get(c.customerId());
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), name, c.ourEntityId(), c.owner(),
                c.amount(), c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), c.terms(),
                c.version(), c.createdAt(), c.createdBy(), c.updatedAt());
    }

    private void saveVersion(Contract contract, CurrentUser user) {
        String content = json.writeValueAsString(snapshot(contract));
        store.insertVersion(contract.id(), new ContractVersion(contract.version(), ContractVersion.SAVED,
                contract.updatedAt(), user.username(), Hashes.sha256Hex(content)), content);
        events.publishEvent(new ContractSaved(withCustomerName(contract), user.username()));
    }

    /** What a version keeps: the contract's content without bookkeeping, so equal content hashes equal. */
    private static Contract snapshot(Contract c) {
        return new Contract(c.id(), c.number(), c.type(), c.title(), c.customerId(), null, c.ourEntityId(), c.owner(),
                c.amount(), c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), c.terms(),
                c.version(), null, null, null);
    }

    private void publish(String id, EntityChanged.Action action, Contract before, Contract after) {
        var changes = JsonTrees.diff(before == null ? null : json.valueToTree(auditView(before)),
                after == null ? null : json.valueToTree(auditView(after)));
        events.publishEvent(new EntityChanged("CONTRACT", id, action, CurrentUsers.actorName(), clock.instant(),
                changes));
    }

    private static Contract auditView(Contract c) {
        var s = snapshot(c);
        return new Contract(s.id(), s.number(), s.type(), s.title(), s.customerId(), null, s.ourEntityId(), s.owner(),
                s.amount(), s.startDate(), s.endDate(), s.autoRenew(), s.renewalNoticeDays(), s.status(), s.terms(),
                0, null, null, null);
    }

    /** The human-readable contract number: {@code QY-SVC-2026-000123}. */
    static String number(ContractType type, int year, int sequence) {
        return "QY-%s-%d-%06d".formatted(type.code(), year, sequence);
    }
}

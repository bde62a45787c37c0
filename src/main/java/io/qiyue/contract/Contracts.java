package io.qiyue.contract;

import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.ScopedResource;
import io.qiyue.shared.Batches;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.DateBounds;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.Money;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.ReadMemo;
import io.qiyue.shared.RequestIdempotency;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.TableStatistics;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
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
import java.util.OptionalLong;
import java.util.Set;

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
    private final ObjectProvider<TransitionGuard> guards;
    private final ObjectProvider<ContractReadGrant> readGrants;
    private final MessageSource messages;
    private final Validator validator;

    private final ObjectProvider<ContractCollections> collections;
    private final ObjectProvider<ContractListIndex> listIndexes;
    /** An export's cursor (PostgreSQL streams only inside a transaction). */
    private final TransactionTemplate streaming;
    /** Reading beside an open cursor, on a connection of its own (MariaDB's is busy while it streams). */
    private final TransactionTemplate beside;
    /** Moves of the number sequences: short transactions of their own, see {@link #allocateNumber}. */
    private final TransactionTemplate numbering;

    private final TableStatistics statistics;

    private final ObjectProvider<SigningDays> signingDays;

    Contracts(ContractStore store, Customers customers, OurEntities ourEntities, DataScopes scopes,
              PlatformTransactionManager transactions, Clock clock,
              ApplicationEventPublisher events, JsonMapper json, ObjectProvider<SubmissionGate> gates,
              ObjectProvider<TransitionGuard> guards, ObjectProvider<ContractReadGrant> readGrants,
              ObjectProvider<ContractCollections> collections, MessageSource messages, Validator validator,
              ObjectProvider<ContractListIndex> listIndexes, TableStatistics statistics,
              ObjectProvider<SigningDays> signingDays) {
        this.statistics = statistics;
        this.signingDays = signingDays;
        this.collections = collections;
        this.listIndexes = listIndexes;
        this.validator = validator;
        this.gates = gates;
        this.guards = guards;
        this.readGrants = readGrants;
        this.messages = messages;
        this.store = store;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.scopes = scopes;
        this.tx = new TransactionTemplate(transactions);
        this.streaming = new TransactionTemplate(transactions);
        this.streaming.setReadOnly(true);
        this.beside = new TransactionTemplate(transactions);
        this.beside.setReadOnly(true);
        this.beside.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.numbering = new TransactionTemplate(transactions);
        this.numbering.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    public PageResult<ContractSummary> list(ContractQuery query, Integer page, Integer size, String sort) {
        // one list asks up to three times whether the search index holds every change (customers' names, matches,
        // the sorted page): the memo answers the later ones from the first
        try (var memo = ReadMemo.open()) {
            var user = CurrentUsers.require();
            var paging = Paging.of(page, size, sort, SORTABLE, "updatedAt,desc");
            var scope = scopes.read(user);
            if (scope.isEmpty()) {
                return new PageResult<>(List.of(), paging.page(), paging.size(), 0);
            }
            List<String> customerIds = customerIdsMatchingQ(query);
            var indexed = hasText(query) || ContractListIndex.countable(query)
                    ? indexed(query, customerIds, scope) : Optional.<io.qiyue.shared.IndexMatches>empty();
            // the total from the search index when it can give it exactly (it counts a million in milliseconds)
            OptionalLong counted = indexed.filter(m -> ContractListIndex.countable(query))
                    .map(m -> OptionalLong.of(m.count())).orElse(OptionalLong.empty());
            var result = indexedPage(query, customerIds, indexed, scope, paging, counted)
                    .orElseGet(() -> store.page(query, textMatch(query, customerIds, indexed), scope, paging, counted));
            var names = customers.names(new HashSet<>(result.items().stream().map(ContractSummary::customerId).toList()));
            var amounts = new java.util.HashMap<String, Money>();
            result.items().stream().filter(s -> s.amount() != null && s.status().ordinal() >= ContractStatus.SIGNED.ordinal())
                    .forEach(s -> amounts.put(s.id(), s.amount()));
            var received = amounts.isEmpty() ? Map.<String, java.math.BigDecimal>of()
                    : collections.stream().findFirst().map(c -> c.receivedPercent(amounts)).orElse(Map.of());
            return result.map(s -> new ContractSummary(s.id(), s.number(), s.type(), s.title(), s.customerId(),
                    names.get(s.customerId()), s.ourEntityId(), s.owner(), s.amount(), s.startDate(), s.endDate(),
                    s.status(), s.version(), s.updatedAt(), received.get(s.id()), s.reviewState()));
        }
    }

    /** Rows an export reads at a time. */
    private static final int EXPORT_BATCH = 500;

    /**
     * The whole list as {@link #list} filters, scopes and sorts it (every page), for an export: the filters and
     * the sort are checked now (400), the rows are read when the batches are walked, with customer names.
     */
    public Batches<ContractSummary> listAll(ContractQuery query, String sort) {
        var user = CurrentUsers.require();
        var order = Paging.of(0, 1, sort, SORTABLE, "updatedAt,desc");
        var scope = scopes.read(user);
        List<String> customerIds = scope.isEmpty() ? List.of() : customerIdsMatchingQ(query);
        var textMatch = textMatch(query, customerIds,
                hasText(query) && !scope.isEmpty() ? indexed(query, customerIds, scope) : Optional.empty());
        return each -> {
            if (scope.isEmpty()) {
                return;
            }
            streaming.executeWithoutResult(status -> store.forEachListed(query, textMatch, scope, order,
                    EXPORT_BATCH, batch -> beside.executeWithoutResult(s -> {
                        var names = customers.names(
                                new HashSet<>(batch.stream().map(ContractSummary::customerId).toList()));
                        each.accept(batch.stream().map(c -> new ContractSummary(c.id(), c.number(), c.type(),
                                c.title(), c.customerId(), names.get(c.customerId()), c.ourEntityId(), c.owner(),
                                c.amount(), c.startDate(), c.endDate(), c.status(), c.version(), c.updatedAt(), null,
                                c.reviewState())).toList());
                    })));
        };
    }

    private static boolean hasText(ContractQuery query) {
        return query.q() != null && !query.q().isBlank();
    }

    /** The customers whose names hold the list's {@code q}: their contracts match it too. */
    private List<String> customerIdsMatchingQ(ContractQuery query) {
        return hasText(query) ? customers.idsByName(query.q(), 500) : List.of();
    }

    private Optional<io.qiyue.shared.IndexMatches> indexed(ContractQuery query, List<String> customerIds,
                                                        io.qiyue.security.OwnerScope scope) {
        return listIndexes.stream().map(index -> index.match(query, customerIds, scope)).flatMap(Optional::stream)
                .findFirst();
    }

    /** The columns the index can sort by. */
    private static final Map<String, ContractListIndex.Order> INDEX_ORDERS = Map.of(
            "amount_value", ContractListIndex.Order.AMOUNT, "start_date", ContractListIndex.Order.START_DATE,
            "end_date", ContractListIndex.Order.END_DATE);

    /**
     * The page read by the ids the index sorted, for a {@code q} with too many matches to name, when the index
     * holds every filter and can sort by the column asked for: the database would walk that column's index far
     * past rows that fail the text (a million contracts by amount, to find the few maintenance ones at the top).
     */
    private Optional<PageResult<ContractSummary>> indexedPage(ContractQuery query, List<String> customerIds,
                                                              Optional<io.qiyue.shared.IndexMatches> indexed,
                                                              io.qiyue.security.OwnerScope scope, Paging paging,
                                                              OptionalLong counted) {
        var order = INDEX_ORDERS.get(paging.sortColumn());
        if (!hasText(query) || order == null || counted.isEmpty() || indexed.isEmpty() || indexed.get().listed()) {
            return Optional.empty();
        }
        return listIndexes.stream().map(index -> index.page(query, customerIds, scope, order, paging.ascending(),
                        paging.offset(), paging.size())).flatMap(Optional::stream).findFirst()
                .map(ids -> store.pageOf(ids, paging, counted.getAsLong()));
    }

    /**
     * The ids the index found for {@code q} when it named them all (the database then reads those rows and applies
     * the rest of the filters to them), else the substring search in the table.
     */
    private static ContractStore.TextMatch textMatch(ContractQuery query, List<String> customerIds,
                                                     Optional<io.qiyue.shared.IndexMatches> indexed) {
        return indexed.filter(m -> hasText(query) && m.listed())
                .<ContractStore.TextMatch>map(m -> new ContractStore.TextMatch.Found(m.ids()))
                .orElseGet(() -> new ContractStore.TextMatch.Substring(customerIds));
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
        var user = CurrentUsers.require();
        return store.findWithCustomerName(id).filter(c -> mayRead(user, c))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id));
    }

    /** {@link #get} as the API answers it, the terms as stored when they may go out as they are ({@link ContractJson}). */
    public ContractJson getJson(String id) {
        var user = CurrentUsers.require();
        return store.findJson(id).filter(c -> mayRead(user, c.owner(), c.id()))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id));
    }

    public Optional<Contract> findVisible(String id) {
        var user = CurrentUsers.require();
        return store.find(id).filter(c -> mayRead(user, c)).map(this::withCustomerName);
    }

    /** The contract as input, the base of a merge patch; only for users who may change it. */
    public ContractInput editable(String id) {
        return writable(id, CurrentUsers.require()).toInput();
    }

    /** Whether the contract is within the caller's read scope, as {@link #get} decides. */
    public boolean mayRead(Contract contract) {
        return mayRead(CurrentUsers.require(), contract);
    }

    /** Whether the caller may change this contract, read through {@link #get} (data scope and role), whatever its status. */
    public boolean mayChange(Contract contract) {
        return mayWrite(CurrentUsers.require(), contract);
    }

    /** The contract as {@link #get} reads it, for a caller who may change it: 403 otherwise, 404 outside the read scope. */
    public Contract getChangeable(String id) {
        return withCustomerName(writable(id, CurrentUsers.require()));
    }

    /** The users the caller may make owner of a contract (themselves, their team, or everyone who may own one). */
    public List<io.qiyue.security.User> ownerChoices() {
        return scopes.assignableOwners(CurrentUsers.require(), ScopedResource.CONTRACT);
    }

    /**
     * The customers the caller may draft a contract with whose name or credit code contains {@code q}: active ones within the caller's reach, at most {@code limit}, by name.
     */
    public List<io.qiyue.customer.Customer> customerChoices(String q, int limit) {
        if (Text.isBlank(q)) {
            return List.of();
        }
        return customers.list(new io.qiyue.customer.CustomerQuery(q.trim(), null, null, null, CustomerStatus.ACTIVE),
                0, limit, "name,asc").items();
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
        // under an Idempotency-Key the id comes from the key: the retry of a create that committed but whose answer
        // was lost finds the contract it made, also after the key's claim was given up (a crashed instance)
        var keyed = RequestIdempotency.idFor("contract");
        if (keyed.isPresent()) {
            var earlier = store.find(keyed.get());
            if (earlier.isPresent()) {
                return withCustomerName(earlier.get());
            }
        }
        // the customer, our entity, template and clauses are read by the checks, the review and the renderer of
        // this one contract: once each, as an import does for a file (a create changes none of them)
        try (var memo = ReadMemo.open()) {
            String owner = ownerOf(input, null, user);
            String customerName = validate(input, owner, user, null);
            var contract = newDraft(keyed.orElseGet(Ids::newId), input, owner, customerName, user);
            tx.executeWithoutResult(status -> insertDraft(contract, user, VersionCause.CREATE));
            return withCustomerName(contract);
        }
    }

    // --- import of legacy contracts (io.qiyue.importing)

    /** A contract by its number, outside any data scope: the natural key of an import (exists or not, and whose). */
    public Optional<Contract> internalByNumber(String number) {
        return Text.isBlank(number) ? Optional.empty() : store.findByNumber(number.strip());
    }

    /**
     * The contract a file row without a number stands for when the file comes again: the same customer, type,
     * title and term, outside any data scope.
     */
    public Optional<Contract> internalAlike(String customerId, ContractType type, String title, LocalDate start,
                                            LocalDate end) {
        return customerId == null || type == null || Text.isBlank(title) ? Optional.empty()
                : store.findAlike(customerId, type, title.strip(), start, end);
    }

    /**
     * The contracts with these numbers, outside any data scope, by number: the natural keys of a whole file looked up
     * in a few queries rather than one per row.
     */
    public Map<String, Contract> internalByNumbers(java.util.Collection<String> numbers) {
        return store.findByNumbers(numbers.stream().filter(n -> !Text.isBlank(n)).map(String::strip).toList());
    }

    /**
     * Every problem an import of this legacy contract would be refused for, without saving: the checks of a
     * create (the caller's right to create, the customer within reach, the owner assignable by the caller) and
     * the import's own (a state an import may enter, the number free and not too long).
     */
    public List<FieldViolation> importProblems(LegacyContract legacy) {
        var user = CurrentUsers.require();
        if (!mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        var violations = new ArrayList<>(check(legacy.input(), ownerOf(legacy.input(), null, user), user, null)
                .violations());
        violations.addAll(importOwnProblems(legacy, user));
        return violations;
    }

    /**
     * Every problem of the fields {@link #importUpdate} would refuse the row for (a customer archived or
     * blacklisted since, an owner the importer may not assign …), without writing: an update-mode dry run checks
     * the file as the update does.
     */
    public List<FieldViolation> importUpdateProblems(Contract existing, LegacyContract legacy) {
        var user = CurrentUsers.require();
        var input = legacy.input();
        return check(input, ownerOf(input, existing, user), user, existing).violations();
    }

    private List<FieldViolation> importOwnProblems(LegacyContract legacy, CurrentUser user) {
        var violations = new ArrayList<FieldViolation>();
        // the file's creator is kept as the record's author: someone else than the importer only where the importer
        // could hand them the contract (an outside tester's salesperson recorded the admin as the author)
        String creator = Text.blankToNull(legacy.createdBy());
        if (creator != null && !user.isAdmin() && !creator.strip().equals(user.username())
                && !scopes.mayAssign(user, ScopedResource.CONTRACT, creator.strip())) {
            violations.add(new FieldViolation("createdBy", "qiyue.import.creator-not-assignable", creator.strip()));
        }
        if (legacy.status() == null || !ContractStatus.enteredByImport().contains(legacy.status())) {
            violations.add(new FieldViolation("status", "qiyue.import.status-not-importable"));
        }
        if (legacy.number() != null && legacy.number().strip().length() > 32) {
            violations.add(new FieldViolation("number", "qiyue.import.number-too-long", 32));
        }
        return violations;
    }

    /**
     * Enters a legacy contract through the transition table's {@link ContractAction#IMPORT} entry, in the caller's
     * transaction (an import writes a whole file in one): stored with its own number, past dates and state as
     * version 1 with its version row and audit entry like any create, reviewed like any save ({@link ContractSaved}),
     * and, when it is signed or later, announced as {@link ContractTransitioned} so that the modules which follow
     * signing (obligations and receivables) do what they do for a contract signed in the app.
     */
    public Contract importLegacy(LegacyContract legacy) {
        var user = CurrentUsers.require();
        if (!mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        var input = legacy.input();
        String owner = ownerOf(input, null, user);
        var violations = new ArrayList<>(check(input, owner, user, null).violations());
        violations.addAll(importOwnProblems(legacy, user));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String customerName = customers.names(List.of(input.customerId())).get(input.customerId());
        String number;
        if (Text.isBlank(legacy.number())) {
            number = freeNumbers(input.type(), numberYear(), 1).getFirst();
        } else {
            number = legacy.number().strip();
        }
        Instant now = clock.instant();
        var contract = new Contract(Ids.newId(), number, input.type(), input.title().trim(), input.customerId(),
                customerName, input.ourEntityId(), owner,
                input.amount() == null ? null : Money.cny(input.amount().value()), input.startDate(), input.endDate(),
                Boolean.TRUE.equals(input.autoRenew()), input.renewalNoticeDays(), legacy.status(), input.terms(), 1,
                legacy.createdAt() == null ? now : legacy.createdAt(),
                Text.isBlank(legacy.createdBy()) ? user.username() : legacy.createdBy().strip(), now);
        return tx.execute(status -> {
            if (store.findByNumber(number).isPresent()) {
                throw new ConflictException("qiyue.import.number-taken", number);
            }
            advancePast(List.of(number));
            store.insertWithRenewalNotice(contract, legacy.signedOn());
            saveVersion(contract, user.username(), false, VersionCause.IMPORT);
            publish(contract.id(), EntityChanged.Action.CREATE, null, contract);
            if (contract.status() != ContractStatus.DRAFT) {
                LocalDate signedOn = legacy.signedOn() != null ? legacy.signedOn() : contract.startDate();
                events.publishEvent(new ContractTransitioned(contract.id(), contract.number(), contract.title(),
                        contract.owner(), null, contract.status(), ContractAction.IMPORT, user.username(),
                        signedOn == null ? null : "签订日期 " + signedOn, now, contract.version()));
            }
            return withCustomerName(contract);
        });
    }

    /**
     * Enters many legacy contracts at once, each exactly as {@link #importLegacy} enters it — the same checks (the
     * caller's right to create, the customer within reach, the owner assignable, a state an import may enter, the
     * number free), its number, version 1 with its version row, its audit entry and search change — but with a few
     * statements for the whole list instead of several per contract, in the caller's transaction (an import writes a
     * whole file in one). One {@link ContractsImported} stands for the {@link ContractSaved} and
     * {@link ContractTransitioned} of each, so that documents, reviews and obligations are derived in bulk too.
     *
     * @param checking told the index of the contract being checked before it is checked, so that a caller can say
     *                 which of its records a refusal (thrown from here) is about
     * @return the stored contracts, in the order given
     */
    public List<Contract> importLegacyAll(List<LegacyContract> legacies, java.util.function.IntConsumer checking) {
        var user = CurrentUsers.require();
        if (!mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        if (legacies.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            var taken = store.findByNumbers(legacies.stream().map(LegacyContract::number)
                    .filter(n -> !Text.isBlank(n)).map(String::strip).toList()).keySet();
            var numbers = new ArrayList<String>(legacies.size());
            var owners = new ArrayList<String>(legacies.size());
            var seen = new HashSet<String>();
            // blank numbers are allocated per type (this year's sequence), in the order given, as one by one they
            // would be
            var toAllocate = new java.util.LinkedHashMap<String, Integer>();
            for (int i = 0; i < legacies.size(); i++) {
                checking.accept(i);
                var legacy = legacies.get(i);
                var input = legacy.input();
                String owner = ownerOf(input, null, user);
                var violations = new ArrayList<>(check(input, owner, user, null).violations());
                violations.addAll(importOwnProblems(legacy, user));
                if (!violations.isEmpty()) {
                    throw new InvalidInputException(violations);
                }
                owners.add(owner);
                if (Text.isBlank(legacy.number())) {
                    numbers.add(null);
                    toAllocate.merge(input.type().code(), 1, Integer::sum);
                } else {
                    String number = legacy.number().strip();
                    if (taken.contains(number) || !seen.add(number)) {
                        throw new ConflictException("qiyue.import.number-taken", number);
                    }
                    numbers.add(number);
                }
            }
            // the file's numbers in this system's own format move their sequences on first: a blank row of the
            // same file, or a contract created later, is never given one of them
            advancePast(numbers.stream().filter(java.util.Objects::nonNull).toList());
            if (!toAllocate.isEmpty()) {
                int year = numberYear();
                var free = new java.util.HashMap<String, java.util.Iterator<String>>();
                toAllocate.forEach((code, count) -> free.put(code, freeNumbers(ContractType.byCode(code), year, count)
                        .iterator()));
                for (int i = 0; i < legacies.size(); i++) {
                    if (numbers.get(i) == null) {
                        String number = free.get(legacies.get(i).input().type().code()).next();
                        if (!seen.add(number)) {
                            checking.accept(i);
                            throw new ConflictException("qiyue.import.number-taken", number);
                        }
                        numbers.set(i, number);
                    }
                }
            }
            var names = customers.names(new HashSet<>(legacies.stream().map(l -> l.input().customerId()).toList()));
            var created = new ArrayList<Contract>(legacies.size());
            for (int i = 0; i < legacies.size(); i++) {
                var legacy = legacies.get(i);
                var input = legacy.input();
                Instant now = clock.instant();
                created.add(new Contract(Ids.newId(), numbers.get(i), input.type(), input.title().trim(),
                        input.customerId(), names.get(input.customerId()), input.ourEntityId(), owners.get(i),
                        input.amount() == null ? null : Money.cny(input.amount().value()), input.startDate(),
                        input.endDate(), Boolean.TRUE.equals(input.autoRenew()), input.renewalNoticeDays(),
                        legacy.status(), input.terms(), 1, legacy.createdAt() == null ? now : legacy.createdAt(),
                        Text.isBlank(legacy.createdBy()) ? user.username() : legacy.createdBy().strip(), now));
            }
            var signedOn = legacies.stream().map(LegacyContract::signedOn).toList();
            store.insertAllWithRenewalNotice(created, signedOn);
            var versions = new ArrayList<ContractStore.NewVersion>(created.size());
            var changes = new ArrayList<EntityChanged>(created.size());
            for (Contract contract : created) {
                String content = json.writeValueAsString(snapshot(contract));
                versions.add(new ContractStore.NewVersion(contract.id(), ContractVersion.of(contract.version(),
                        ContractVersion.SAVED, VersionCause.IMPORT, contract.updatedAt(), user.username(),
                        Hashes.sha256Hex(content)), content));
                changes.add(new EntityChanged("CONTRACT", contract.id(), EntityChanged.Action.CREATE,
                        CurrentUsers.actorName(), clock.instant(),
                        JsonTrees.diff(null, json.valueToTree(auditView(contract)))));
            }
            store.insertVersions(versions);
            // the contracts' audit entries before those of what is derived from them (their obligations)
            events.publishEvent(new io.qiyue.shared.EntitiesChanged(changes));
            events.publishEvent(new ContractsImported(created, signedOn, user.username()));
            return List.copyOf(created);
        });
    }

    /**
     * The day a legacy contract was signed: the import file's 签订日期, else its start date (what the obligations'
     * "N days after signing" and the filed scan count from); empty for a contract with neither.
     */
    public Optional<LocalDate> legacySignedOn(Contract contract) {
        return Optional.ofNullable(ContractsImported.signingDay(store.importedSignedOn(contract.id()).orElse(null),
                contract));
    }

    /**
     * The year an allocated number carries: the year it is given out, for a contract created in the app as for a
     * legacy one a file brings without a number (the number says when the contract came to Qiyue, whatever its
     * dates; a create on 6 December starting next January is numbered in this year either way).
     */
    private int numberYear() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone()).getYear();
    }

    /** A number of this system's own format: {@code QY-SVC-2026-000123}. */
    private static final java.util.regex.Pattern OWN_NUMBER =
            java.util.regex.Pattern.compile("QY-([A-Z]{3})-(\\d{4})-(\\d{6,9})");

    /**
     * Moves the sequences past the numbers given that are of this system's own format (a legacy contract brought
     * back by a file, e.g. from an export): a number allocated later is never one of them. Like an allocation, in
     * a short transaction of its own; an import rolled back afterwards leaves the sequence past its numbers (a gap).
     */
    private void advancePast(List<String> numbers) {
        var highest = new java.util.TreeMap<String, Integer>();
        for (String number : numbers) {
            var m = OWN_NUMBER.matcher(number.strip().toUpperCase(java.util.Locale.ROOT));
            if (m.matches() && ContractType.byCode(m.group(1)) != null) {
                highest.merge(m.group(1) + '-' + m.group(2), Integer.parseInt(m.group(3)), Math::max);
            }
        }
        highest.forEach((key, sequence) -> advanceSequence(key.substring(0, 3), Integer.parseInt(key.substring(4)),
                sequence));
    }

    /**
     * {@code count} numbers of a type and year that no contract carries, in order: the sequence's next ones, with
     * those already taken (by a legacy contract imported in this format before its sequence followed imports) passed
     * over and the sequence moved past them, so that a create never fails on a number someone else holds.
     */
    private List<String> freeNumbers(ContractType type, int year, int count) {
        var free = new ArrayList<String>(count);
        while (free.size() < count) {
            int need = count - free.size();
            int first = allocateNumbers(type.code(), year, need);
            var candidates = new ArrayList<String>(need);
            for (int sequence = first; sequence < first + need; sequence++) {
                candidates.add(number(type, year, sequence));
            }
            var taken = store.takenNumbers(candidates);
            candidates.stream().filter(n -> !taken.contains(n)).forEach(free::add);
            if (!taken.isEmpty()) {
                skipTaken(type, year, first + need);
            }
        }
        return free;
    }

    /** Moves the sequence past a run of taken numbers from {@code from} on, looking a hundred ahead at a time. */
    private void skipTaken(ContractType type, int year, int from) {
        for (int start = from; ; start += 100) {
            var probe = new ArrayList<String>(100);
            for (int sequence = start; sequence < start + 100; sequence++) {
                probe.add(number(type, year, sequence));
            }
            var taken = store.takenNumbers(probe);
            for (int i = 0; i < probe.size(); i++) {
                if (!taken.contains(probe.get(i))) {
                    if (start + i > from) {
                        int last = start + i - 1;
                        advanceSequence(type.code(), year, last);
                    }
                    return;
                }
            }
        }
    }

    /**
     * Whether every version of the contract was written by an import (its first and any update-mode corrections):
     * its data is still the files', not the outcome of an approval, a negotiation or a signing in Qiyue.
     */
    public boolean changedOnlyByImports(String id) {
        return store.versionsNotCausedBy(id, VersionCause.IMPORT) == 0;
    }

    /**
     * Changes a contract from a file in update mode, whatever its state (a legacy contract is signed already):
     * the content the file gives (its terms part by part: a part the row leaves blank keeps what is stored), the state kept (an import changes no state), a new version with its audit entry
     * and review, refused when the contract changed since {@code expectedVersion} was read.
     */
    public Contract importUpdate(String id, int expectedVersion, LegacyContract legacy) {
        var user = CurrentUsers.require();
        return tx.execute(status -> {
            var before = writable(id, user);
            checkVersion(before, expectedVersion);
            var input = legacy.input();
            if (input.type() != before.type()) {
                throw new InvalidInputException("type", "qiyue.contract.type-immutable");
            }
            if (legacy.status() != null && legacy.status() != before.status()) {
                throw new InvalidInputException("status", "qiyue.import.status-unchanged");
            }
            String owner = ownerOf(input, before, user);
            String customerName = validate(input, owner, user, before);
            var after = new Contract(id, before.number(), before.type(), input.title().trim(), input.customerId(),
                    customerName, input.ourEntityId(), owner,
                    input.amount() == null ? null : Money.cny(input.amount().value()), input.startDate(),
                    input.endDate(), Boolean.TRUE.equals(input.autoRenew()), input.renewalNoticeDays(),
                    before.status(), keptWhereBlank(before.terms(), input.terms()), expectedVersion + 1,
                    before.createdAt(), before.createdBy(), clock.instant());
            if (!store.update(after, expectedVersion)) {
                throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
            }
            store.fixRenewalNotice(after);
            if (legacy.signedOn() != null) {
                store.setImportedSignedOn(id, legacy.signedOn());
            }
            saveVersion(after, user.username(), false, VersionCause.IMPORT);
            publish(id, EntityChanged.Action.UPDATE, before, after);
            return withCustomerName(after);
        });
    }

    /**
     * Whether {@link #importUpdate} would change the contract: a file imported again in update mode leaves the rows
     * it repeats alone (no new version, no audit entry, counted as skipped), as a re-run does in plain mode.
     */
    public boolean importChanges(Contract existing, LegacyContract legacy) {
        var input = legacy.input();
        String owner = ownerOf(input, existing, null);
        Money amount = input.amount() == null ? null : Money.cny(input.amount().value());
        boolean sameAmount = amount == null ? existing.amount() == null
                : existing.amount() != null && existing.amount().scaled().compareTo(amount.scaled()) == 0;
        boolean same = java.util.Objects.equals(existing.title(), input.title() == null ? null : input.title().trim())
                && java.util.Objects.equals(existing.customerId(), input.customerId())
                && java.util.Objects.equals(existing.ourEntityId(), input.ourEntityId())
                && existing.owner().equals(owner) && sameAmount
                && java.util.Objects.equals(existing.startDate(), input.startDate())
                && java.util.Objects.equals(existing.endDate(), input.endDate())
                && existing.autoRenew() == Boolean.TRUE.equals(input.autoRenew())
                && java.util.Objects.equals(existing.renewalNoticeDays(), input.renewalNoticeDays())
                && java.util.Objects.equals(existing.terms(), keptWhereBlank(existing.terms(), input.terms()))
                && (legacy.signedOn() == null
                || legacy.signedOn().equals(store.importedSignedOn(existing.id()).orElse(null)));
        return !same;
    }

    /** A file's row fills some parts of the terms; the parts it leaves blank keep what the contract holds. */
    private static ContractTerms keptWhereBlank(ContractTerms stored, ContractTerms given) {
        return stored == null ? given : stored.overlaidWith(given);
    }

    /** A new draft with its number (allocated in a short transaction of its own), not yet stored. */
    private Contract newDraft(String id, ContractInput input, String owner, String customerName, CurrentUser user) {
        Instant now = clock.instant();
        int year = LocalDate.ofInstant(now, clock.getZone()).getYear();
        String number = freeNumbers(input.type(), year, 1).getFirst();
        return new Contract(id, number, input.type(), input.title().trim(), input.customerId(),
                customerName,
                input.ourEntityId(), owner, input.amount() == null ? null : io.qiyue.shared.Money.cny(input.amount().value()),
                input.startDate(), input.endDate(), Boolean.TRUE.equals(input.autoRenew()), input.renewalNoticeDays(),
                ContractStatus.DRAFT, input.terms(), 1, now, user.username(), now);
    }

    private void insertDraft(Contract contract, CurrentUser user, VersionCause cause) {
        store.insert(contract);
        saveVersion(contract, user.username(), false, cause);
        publish(contract.id(), EntityChanged.Action.CREATE, null, contract);
    }

    public Contract update(String id, int expectedVersion, ContractInput input) {
        return update(id, expectedVersion, input, VersionCause.SAVE);
    }

    /**
     * A change of the draft's content for a reason other than a person's edit: a review suggestion applied
     * ({@link VersionCause#APPLY_SUGGESTION}), a counterparty's wording accepted ({@link VersionCause#ACCEPT_PROPOSAL}).
     */
    public Contract update(String id, int expectedVersion, ContractInput input, VersionCause cause) {
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
            String owner = ownerOf(input, before, user);
            String customerName = validate(input, owner, user, before);
            var after = new Contract(id, before.number(), before.type(), input.title().trim(), input.customerId(),
                    customerName,
                    input.ourEntityId(), owner,
                    input.amount() == null ? null : io.qiyue.shared.Money.cny(input.amount().value()),
                    input.startDate(), input.endDate(), Boolean.TRUE.equals(input.autoRenew()),
                    input.renewalNoticeDays(), before.status(), input.terms(), expectedVersion + 1,
                    before.createdAt(), before.createdBy(), clock.instant());
            if (sameContent(before, after)) {
                // saving what is stored is no change: no new version, so that another editor's If-Match still holds
                return withCustomerName(before);
            }
            if (!store.update(after, expectedVersion)) {
                throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
            }
            saveVersion(after, user.username(), false, cause);
            publish(id, EntityChanged.Action.UPDATE, before, after);
            return withCustomerName(after);
        });
    }

    /**
     * The next number of a type and year, in a short transaction of its own so that the sequence row is
     * locked only briefly — also under an import's transaction, which would otherwise hold it (and keep every create
     * of the type waiting) until the whole file is written. A create or an import that fails afterwards leaves a gap
     * in the numbers, never a duplicate. Only the first number of a year can race, when several transactions insert
     * the sequence row: the losers (a duplicate key; on MariaDB a deadlock between their gap locks) retry and then
     * find the row.
     */
    int allocateNumber(String typeCode, int year) {
        return numbering(() -> store.nextNumber(typeCode, year));
    }

    /** The next {@code count} numbers of a type and year (the first returned), as {@link #allocateNumber} takes one. */
    int allocateNumbers(String typeCode, int year, int count) {
        return numbering(() -> store.nextNumbers(typeCode, year, count));
    }

    /** Moves a sequence on to at least {@code atLeast}, as {@link #allocateNumber} takes a number. */
    private void advanceSequence(String typeCode, int year, int atLeast) {
        numbering(() -> {
            store.advanceNumberSequence(typeCode, year, atLeast);
            return atLeast;
        });
    }

    private int numbering(java.util.function.IntSupplier move) {
        for (int attempt = 1; ; attempt++) {
            try {
                return numbering.execute(status -> move.getAsInt());
            } catch (org.springframework.dao.DuplicateKeyException
                     | org.springframework.dao.PessimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    /** DRAFT → IN_APPROVAL, asked of every {@link SubmissionGate} first (see {@link #transition}). */
    public Contract submit(String id, int expectedVersion, String reason) {
        return transition(id, ContractAction.SUBMIT, expectedVersion, reason);
    }

    /** IN_APPROVAL or APPROVED → DRAFT: the owner takes the contract back to change it. Audited with the reason. */
    public Contract withdraw(String id, int expectedVersion, String reason) {
        return transition(id, ContractAction.WITHDRAW, expectedVersion, reason);
    }

    /**
     * A person's lifecycle action ({@link ContractAction#byUser()}) on a contract they may change. Into a state
     * that {@linkplain ContractStatus#needsCleanReview() needs a clean review}, every gate is asked first,
     * outside the move's transaction so that the fresh review it stores survives a refusal; any blocking finding
     * refuses with {@link SubmissionBlockedException}. The move is a new version, audited with the reason.
     */
    public Contract transition(String id, ContractAction action, int expectedVersion, String reason) {
        if (!action.byUser() || action == ContractAction.RENEW || action == ContractAction.TERMINATE) {
            throw new IllegalArgumentException(action + " is not asked for through transition()");
        }
        var user = CurrentUsers.require();
        var before = writable(id, user);
        checkVersion(before, expectedVersion);
        var to = target(before, action);
        if (to.needsCleanReview()) {
            var blocking = new ArrayList<SubmissionGate.Blocking>();
            for (SubmissionGate gate : gates.orderedStream().toList()) {
                blocking.addAll(gate.blockingFindings(withCustomerName(before)));
            }
            if (!blocking.isEmpty()) {
                throw new SubmissionBlockedException(blocking, action);
            }
        }
        return tx.execute(status -> move(writable(id, user), action, expectedVersion, reason, user.username()));
    }

    /**
     * A move decided by an outer module that has authorised it itself (approval's outcome, signing, the daily
     * calendar): no data scope and no review gate. Runs in the caller's transaction when there is one.
     *
     * @param actor the username the move is recorded for, or "system"
     */
    public Contract advance(String id, ContractAction action, String reason, String actor) {
        return tx.execute(status -> {
            var before = store.find(id)
                    .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id));
            return move(before, action, before.version(), reason, actor);
        });
    }

    /**
     * Ends a contract in force early. Effective {@code date}: today or earlier terminates now; a later date
     * is recorded and the daily calendar terminates the contract on that day. The reason is required.
     */
    public Contract terminate(String id, int expectedVersion, String reason, LocalDate date) {
        var user = CurrentUsers.require();
        var violations = new ArrayList<FieldViolation>();
        if (Text.isBlank(reason)) {
            violations.add(new FieldViolation("reason", "qiyue.contract.termination-reason-required"));
        }
        if (date == null) {
            violations.add(new FieldViolation("date", "qiyue.contract.termination-date-required"));
        }
        var current = writable(id, user);
        checkVersion(current, expectedVersion);
        target(current, ContractAction.TERMINATE);
        if (date != null && current.endDate() != null && date.isAfter(current.endDate())) {
            violations.add(new FieldViolation("date", "qiyue.contract.termination-after-end", current.endDate()));
        }
        // a termination reaching back before the start would waive every duty of ours while the customer's
        // instalments stay due; one not yet begun is ended from today on (or a later day)
        if (date != null && current.startDate() != null && date.isBefore(current.startDate())
                && date.isBefore(LocalDate.now(clock))) {
            violations.add(new FieldViolation("date", "qiyue.contract.termination-before-start", current.startDate()));
        } else if (date != null) {
            // a contract signed late (its term begun before) cannot have been ended before it was made
            signedOn(current).filter(date::isBefore).ifPresent(signed -> violations.add(
                    new FieldViolation("date", "qiyue.contract.termination-before-signing", signed)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String why = reason.strip();
        return tx.execute(status -> {
            var before = writable(id, user);
            checkVersion(before, expectedVersion);
            if (date.isAfter(LocalDate.now(clock))) {
                // recorded for later: a change of the contract with a version of its own, so that a second
                // scheduling on a stale ETag is a 412 rather than overwriting the first unseen
                var earlier = store.lineage(id);
                var after = nextVersion(before, before.status());
                if (!store.scheduleTermination(after, date, why)) {
                    throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
                }
                saveVersion(after, user.username(), true, VersionCause.SCHEDULE_TERMINATION);
                events.publishEvent(new EntityChanged("CONTRACT", id, EntityChanged.Action.UPDATE, user.username(),
                        after.updatedAt(), List.of(new EntityChanged.Change("terminationDate",
                                earlier.terminationDate() == null ? null : earlier.terminationDate().toString(),
                                date.toString()),
                        new EntityChanged.Change("reason", earlier.terminationReason(), why))));
                events.publishEvent(new ContractTerminationScheduled(id, after.number(), after.title(), after.owner(),
                        date, why, user.username(), after.updatedAt()));
                return withCustomerName(store.find(id).orElseThrow());
            }
            if (!store.recordTermination(id, expectedVersion, date, why)) {
                throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
            }
            var recorded = store.find(id).orElseThrow();
            return move(recorded, ContractAction.TERMINATE, recorded.version(), why, user.username());
        });
    }

    /**
     * The day the contract was signed, the earliest any record says (see {@link SigningDays}: this module's and the
     * signing module's); empty when none knows.
     */
    public Optional<LocalDate> signedOn(Contract contract) {
        return signingDays.orderedStream().map(days -> days.signedOn(contract)).flatMap(Optional::stream)
                .min(LocalDate::compareTo);
    }

    /** A term's years in a title: 2026年度, or a span 2027-2028年度 (2027至2028年, 2027～2028年度 …). */
    private static final java.util.regex.Pattern TERM_YEARS = java.util.regex.Pattern.compile(
            "(?<!\\d)(\\d{4})(?:(\\s*[-–—~～至到]\\s*)(\\d{4})(\\s*年度?)|(年度))");

    /**
     * The title a renewal takes when none is given: the renewed one's, with the years of its term moved as the term
     * moved, in the title's own convention — 2026年度 by the years between the starts, a span 2027-2028年度 its first
     * year with the start and its last with the end (outside tester: a renewal kept 2027-2028年度, the next one made
     * 2027-2030年度), one year when both meet. A date in the title (2026年1月签订的…) is no term and stays.
     */
    static String renewedTitle(String title, LocalDate oldStart, LocalDate oldEnd, LocalDate newStart,
                               LocalDate newEnd) {
        if (title == null || oldStart == null || newStart == null) {
            return title;
        }
        int byStart = newStart.getYear() - oldStart.getYear();
        int byEnd = oldEnd == null || newEnd == null ? byStart : newEnd.getYear() - oldEnd.getYear();
        if (byStart == 0 && byEnd == 0) {
            return title;
        }
        var m = TERM_YEARS.matcher(title);
        var out = new StringBuilder();
        while (m.find()) {
            int first = Integer.parseInt(m.group(1)) + byStart;
            String replaced;
            if (m.group(3) == null) {
                replaced = first + m.group(5);
            } else {
                int last = Integer.parseInt(m.group(3)) + byEnd;
                String suffix = m.group(4).strip();
                replaced = last == first ? first + suffix : first + m.group(2) + last + m.group(4);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replaced));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Renews a contract in force or expired: a successor draft with the same parties, owner and terms for the
     * next term (by default from the day after the end date, for as long as this term), linked both ways.
     * This contract becomes RENEWED when the successor is signed. One successor at a time.
     */
    public Contract renew(String id, int expectedVersion, LocalDate startDate, LocalDate endDate, String title) {
        var user = CurrentUsers.require();
        if (!mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        var before = writable(id, user);
        checkVersion(before, expectedVersion);
        target(before, ContractAction.RENEW);
        if (before.endDate() == null) {
            // an indefinite contract (不定期合同) runs until a party ends it: it has no term to renew, and its
            // successor would be a second indefinite contract beside it (outside tester)
            String text = messages.getMessage("qiyue.contract.renew-indefinite", null, "qiyue.contract.renew-indefinite",
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
            throw new ConflictException(Map.of("contractStatus", before.status().name(),
                    "allowedActions", allowedNow(before).stream().map(Enum::name).toList(),
                    "errors", List.of(Map.of("field", "endDate", "message", text))),
                    "qiyue.contract.renew-indefinite");
        }
        var lineage = store.lineage(id);
        if (lineage.successorId() != null) {
            throw new ConflictException(Map.of("successorId", lineage.successorId()), "qiyue.contract.already-renewed",
                    lineage.successorNumber());
        }
        if (lineage.terminationDate() != null) {
            // signing the successor would make this one RENEWED, and the termination would never happen
            throw new ConflictException("qiyue.contract.renew-while-terminating", lineage.terminationDate());
        }
        LocalDate start = startDate != null ? startDate
                : before.endDate() != null ? before.endDate().plusDays(1) : LocalDate.now(clock);
        // the successor follows this term: one reaching back would end this contract, still running, when signed
        LocalDate mustFollow = before.endDate() != null ? before.endDate() : before.startDate();
        if (mustFollow != null && !start.isAfter(mustFollow)) {
            throw new InvalidInputException("startDate", "qiyue.contract.renewal-start-before-end", mustFollow);
        }
        // a contract that renewed itself is in a term of a year since its last end; its terms (the instalments'
        // days) are still those of its first term (outside tester: a renewal by hand ran five years from its start)
        LocalDate firstEnd = before.endDate() == null ? null : before.endDate().minusYears(lineage.autoRenewals());
        LocalDate termStart = before.endDate() == null || lineage.autoRenewals() == 0 ? before.startDate()
                : before.endDate().minusYears(1).plusDays(1);
        LocalDate end = endDate;
        if (end == null && termStart != null && before.endDate() != null) {
            end = start.plus(java.time.Period.between(termStart, before.endDate().plusDays(1))).minusDays(1);
        }
        boolean sameLength = before.startDate() == null || firstEnd == null || end == null
                || java.time.Period.between(before.startDate(), firstEnd).equals(java.time.Period.between(start, end));
        var terms = before.terms() == null || before.startDate() == null ? before.terms()
                : sameLength ? before.terms().renewedBy(java.time.Period.between(before.startDate(), start))
                : before.terms().fittedTo(before.startDate(), firstEnd, start, end);
        // a term ending 9999-12-31 (typed for "open-ended") renews into year 10000, which nothing could read back
        if (!DateBounds.within(start)) {
            throw new InvalidInputException("startDate", "qiyue.contract.renewal-beyond-calendar", DateBounds.LATEST);
        }
        boolean instalmentBeyond = terms != null && terms.payment() != null && terms.payment().schedule() != null
                && terms.payment().schedule().stream().anyMatch(i -> i != null && !DateBounds.within(i.dueDate()));
        if (!DateBounds.within(end) || instalmentBeyond) {
            throw new InvalidInputException("endDate", "qiyue.contract.renewal-beyond-calendar", DateBounds.LATEST);
        }
        var input = new ContractInput(before.type(), Text.isBlank(title)
                ? renewedTitle(before.title(), before.startDate(), firstEnd, start, end) : title,
                before.customerId(),
                before.ourEntityId(), before.owner(), before.amount(), start, end, before.autoRenew(),
                before.renewalNoticeDays(), terms);
        // the parties and the owner are the renewed contract's, which the caller may change: not asked again
        // (a customer blacklisted since is the review's to block at submission)
        String customerName = validate(input, before.owner(), user, before);
        var successor = newDraft(Ids.newId(), input, before.owner(), customerName, user);
        tx.executeWithoutResult(status -> {
            if (!store.linkSuccessor(id, expectedVersion, successor.id())) {
                throw new ConflictException("qiyue.contract.already-renewed", "");
            }
            insertDraft(successor, user, VersionCause.RENEW);
            store.linkPredecessor(successor.id(), id);
            events.publishEvent(new EntityChanged("CONTRACT", id, EntityChanged.Action.UPDATE, user.username(),
                    clock.instant(), List.of(new EntityChanged.Change("successor", null, successor.number()))));
            events.publishEvent(new ContractRenewed(id, before.number(), successor.id(), successor.number(),
                    successor.title(), successor.owner(), user.username(), clock.instant()));
        });
        return withCustomerName(successor);
    }

    /** The termination date recorded for a contract, outside any data scope: for modules that follow its end. */
    public Optional<LocalDate> internalTerminationDate(String id) {
        return Optional.ofNullable(store.lineage(id).terminationDate());
    }

    /** The renewal links and any termination of a readable contract. */
    public ContractLineage lineage(String id) {
        readable(id, CurrentUsers.require());
        return store.lineage(id);
    }

    /**
     * The actions the caller may ask for on this contract now: the table's {@linkplain ContractStatus#userActions()
     * user actions}, when the caller may change it (the UI's buttons).
     */
    public List<ContractAction> actionsFor(Contract contract) {
        if (!mayChange(contract)) {
            return List.of();
        }
        var actions = new ArrayList<>(allowedNow(contract));
        if (!mayCreate()) {
            actions.remove(ContractAction.RENEW);
        }
        return actions;
    }

    /**
     * The table's user actions in the contract's state that no guard refuses now and {@link #renew} would not
     * refuse for the contract itself: what a 409 offers instead.
     */
    private List<ContractAction> allowedNow(Contract contract) {
        return contract.status().userActions().stream()
                .filter(action -> action != ContractAction.RENEW || renewable(contract))
                .filter(action -> !vetoed(contract, action)).toList();
    }

    /**
     * Whether the contract has a term a successor could follow: not indefinite (no end date), not renewed already,
     * and no termination scheduled (renew-while-terminating; outside tester: offered all the same).
     */
    private boolean renewable(Contract contract) {
        if (contract.endDate() == null) {
            return false;
        }
        var lineage = store.lineage(contract.id());
        return lineage.successorId() == null && lineage.terminationDate() == null;
    }

    /** Whether an outer module's guard refuses the action now (e.g. approval once a step has decided). */
    private boolean vetoed(Contract contract, ContractAction action) {
        try {
            guards.orderedStream().forEach(guard -> guard.check(contract, action));
            return false;
        } catch (io.qiyue.shared.QiyueException refused) {
            return true;
        }
    }

    /**
     * Contracts in force (signed or active) whose end date lies within [from, to], outside any data scope, in id
     * order: the next {@code limit} (at most 1000) after {@code afterId} (null: the first). For background work
     * such as reminders.
     */
    public List<Contract> internalInForceEndingBetween(LocalDate from, LocalDate to, String afterId, int limit) {
        return store.inForceEndingBetween(from, to, afterId, Math.max(1, Math.min(limit, 1000)));
    }

    /** Number, title, owner and dates of the contracts named, outside any data scope and without customer names. */
    public Map<String, ContractSummary> internalSummaries(java.util.Collection<String> ids) {
        var out = new java.util.HashMap<String, ContractSummary>();
        var all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int i = 0; i < all.size(); i += 500) {
            store.summaries(all.subList(i, Math.min(all.size(), i + 500))).forEach(s -> out.put(s.id(), s));
        }
        return out;
    }

    /**
     * Contracts as they are in id order, outside any data scope and without customer names: for derived data
     * that every reader reaches through its own scope afterwards (the search index). The next {@code limit}
     * after {@code afterId} (null: the first).
     */
    public List<Contract> internalAfter(String afterId, int limit) {
        return store.after(afterId, Math.max(1, Math.min(limit, 1000)), io.qiyue.security.OwnerScope.ALL);
    }

    /** How many contracts there are, in every scope (the total of a rebuild of derived data). */
    public long countAll() {
        return store.count();
    }

    /**
     * The contracts named that exist, as they are, outside any data scope, with their customers' names: a few
     * queries for hundreds of contracts (a search index's catch-up).
     */
    public List<Contract> internalAll(java.util.Collection<String> ids) {
        var all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        var found = new ArrayList<Contract>();
        for (int i = 0; i < all.size(); i += 500) {
            found.addAll(store.findAll(all.subList(i, Math.min(all.size(), i + 500))));
        }
        var names = customers.names(new java.util.HashSet<>(found.stream().map(Contract::customerId).toList()));
        return found.stream().map(c -> c.customerName() != null ? c : new Contract(c.id(), c.number(), c.type(),
                c.title(), c.customerId(), names.get(c.customerId()), c.ourEntityId(), c.owner(), c.amount(),
                c.startDate(), c.endDate(), c.autoRenew(), c.renewalNoticeDays(), c.status(), c.terms(), c.version(),
                c.createdAt(), c.createdBy(), c.updatedAt())).toList();
    }

    /** The contract as it is, outside any data scope, or empty when there is none (deleted). */
    public Optional<Contract> internalIfPresent(String id) {
        return store.find(id).map(this::withCustomerName);
    }

    /** A contract as it is, outside any data scope: for outer modules that authorise their callers themselves. */
    public Contract internal(String id) {
        return withCustomerName(store.find(id)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id)));
    }

    /** The contract's content unchanged in {@code status}, as its next version, changed now. */
    private Contract nextVersion(Contract before, ContractStatus status) {
        return new Contract(before.id(), before.number(), before.type(), before.title(), before.customerId(), null,
                before.ourEntityId(), before.owner(), before.amount(), before.startDate(), before.endDate(),
                before.autoRenew(), before.renewalNoticeDays(), status, before.terms(), before.version() + 1,
                before.createdAt(), before.createdBy(), clock.instant());
    }

    /** The contract's next version with its term a year longer (自动续期一年), as its clause prints it. */
    private Contract renewedTerm(Contract before) {
        return new Contract(before.id(), before.number(), before.type(), before.title(), before.customerId(), null,
                before.ourEntityId(), before.owner(), before.amount(), before.startDate(),
                before.endDate().plusYears(1), before.autoRenew(), before.renewalNoticeDays(), before.status(),
                before.terms(), before.version() + 1, before.createdAt(), before.createdBy(), clock.instant());
    }

    /** Guard, change, version, audit and event of one move, in the current transaction. */
    private Contract move(Contract before, ContractAction action, int expectedVersion, String reason, String actor) {
        checkVersion(before, expectedVersion);
        var to = target(before, action);
        try {
            guards.orderedStream().forEach(guard -> guard.check(before, action));
        } catch (ConflictException refused) {
            // the guard's reason, with the state and what may be done instead, as for a move the table refuses
            var properties = new java.util.HashMap<String, Object>(refused.properties());
            properties.put("contractStatus", before.status().name());
            properties.put("allowedActions", allowedNow(before).stream().map(Enum::name).toList());
            throw new ConflictException(properties, refused.code(), refused.args().toArray());
        }
        boolean renewal = action == ContractAction.AUTO_RENEW;
        var after = renewal ? renewedTerm(before) : nextVersion(before, to);
        if (!(renewal ? store.renewTerm(after, expectedVersion) : store.updateStatus(after, expectedVersion))) {
            throw new PreconditionFailedException("qiyue.problem.stale-raced", expectedVersion);
        }
        // the signed text stays what was signed: the year more is the contract's own clause at work, not a new text
        saveVersion(after, actor, true, VersionCause.of(action));
        var changes = new ArrayList<>(JsonTrees.diff(json.valueToTree(auditView(before)),
                json.valueToTree(auditView(after))));
        String why = Text.isBlank(reason) ? null : reason.strip();
        changes.add(new EntityChanged.Change("action", null, action.name()));
        if (why != null) {
            changes.add(new EntityChanged.Change("reason", null, why));
        }
        events.publishEvent(new EntityChanged("CONTRACT", before.id(), EntityChanged.Action.UPDATE, actor,
                after.updatedAt(), changes));
        events.publishEvent(new ContractTransitioned(after.id(), after.number(), after.title(), after.owner(),
                before.status(), to, action, actor, why, after.updatedAt(), after.version()));
        if (action == ContractAction.SIGN) {
            supersedePredecessor(after, actor);
            activateWhenStarted(after.id());
        }
        if (renewal) {
            events.publishEvent(new ContractTermRenewed(after.id(), after.number(), after.title(), after.owner(),
                    before.endDate(), after.endDate(), store.lineage(after.id()).autoRenewals(), actor,
                    after.updatedAt()));
        }
        // a listener may have moved it on already (a submission no approval step applies to is approved at once)
        return withCustomerName(store.find(after.id()).orElse(after));
    }

    /**
     * A contract signed on or after its start date is in force from the signature, not from the calendar's next
     * hourly run: the same moves the calendar makes (by "system", each with its own version and event), in the
     * signing's transaction. One signed after its term ended was in force until its end: activated, then ended as the
     * calendar ends a term (expired, or renewed by a signed successor), so that its history reads as the lifecycle.
     */
    private void activateWhenStarted(String id) {
        LocalDate today = LocalDate.now(clock);
        var started = store.find(id)
                .filter(c -> c.status() == ContractStatus.SIGNED)
                .filter(c -> c.startDate() != null && !c.startDate().isAfter(today));
        if (started.isEmpty()) {
            return;
        }
        var active = move(started.get(), ContractAction.ACTIVATE, started.get().version(), null, "system");
        // a term that renews itself goes on a year at a time until it reaches today
        while (active.endDate() != null && active.endDate().isBefore(today) && active.status().inForce()) {
            ContractAction end = endOfTerm(id);
            active = move(active, end, active.version(),
                    end == ContractAction.MARK_RENEWED ? store.lineage(id).successorNumber() : null, "system");
        }
    }

    /**
     * A signed successor renews a predecessor that has expired. One still in force stays so until its end (its
     * duties, payments and termination go on; {@link ContractCalendar} then marks it renewed instead of expired):
     * marked at once, it could no longer be terminated, and its remaining term went unwatched.
     */
    private void supersedePredecessor(Contract successor, String actor) {
        String predecessorId = store.lineage(successor.id()).predecessorId();
        if (predecessorId == null) {
            return;
        }
        store.find(predecessorId)
                .filter(p -> p.status() == ContractStatus.EXPIRED)
                .ifPresent(p -> move(p, ContractAction.MARK_RENEWED, p.version(), successor.number(), actor));
    }

    /**
     * How a contract in force ends at the end of its term: renewed when a successor has been signed (and not
     * terminated), else expired.
     */
    ContractAction endOfTerm(String id) {
        var lineage = store.lineage(id);
        String successorId = lineage.successorId();
        boolean renewed = successorId != null && store.find(successorId)
                .map(s -> s.status().inForce() || s.status() == ContractStatus.EXPIRED
                        || s.status() == ContractStatus.RENEWED).orElse(false);
        if (renewed) {
            return ContractAction.MARK_RENEWED;
        }
        // 自动续期: the term goes on a year unless a party gave notice of non-renewal for this end, a renewal is
        // being made by hand (a successor draft), or the contract is being terminated (outside tester: a contract
        // whose text says it renewed itself was marked expired)
        var contract = store.find(id).orElse(null);
        boolean renews = contract != null && contract.autoRenew() && contract.endDate() != null
                && successorId == null && lineage.terminationDate() == null
                && (lineage.nonRenewal() == null || !contract.endDate().equals(lineage.nonRenewal().forEndDate()));
        return renews ? ContractAction.AUTO_RENEW : ContractAction.EXPIRE;
    }

    /**
     * Records either party's notice that a contract renewing itself is not to renew at the end of its current term
     * (不再续约): the calendar then ends it there. For a contract in force that renews itself, by whoever may change
     * it, before its term ends; recording it again is no error. One after the deadline of its clause (本合同期满N日前) is
     * recorded all the same, as the parties may agree to it, and marked late in the lineage and the audit.
     */
    public ContractLineage giveNonRenewalNotice(String id, String reason) {
        var user = CurrentUsers.require();
        var contract = writable(id, user);
        if (!contract.status().inForce() || !contract.autoRenew() || contract.endDate() == null) {
            throw new ConflictException("qiyue.contract.non-renewal-not-renewing");
        }
        if (contract.endDate().isBefore(LocalDate.now(clock))) {
            throw new ConflictException("qiyue.contract.non-renewal-after-end", contract.endDate());
        }
        // a contract to be terminated ends before its term does: a notice for the term's end would say it ends twice
        // (the page offers none; outside helper: the API took it)
        var scheduled = store.lineage(id).terminationDate();
        if (scheduled != null) {
            throw new ConflictException("qiyue.contract.non-renewal-terminating", scheduled);
        }
        String why = Text.blankToNull(Text.input(reason));
        if (why != null && why.length() > 500) {
            throw new InvalidInputException("reason", "qiyue.validation.size", 0, 500);
        }
        Instant now = clock.instant();
        // a notice after the clause's deadline is still recorded (the other party may accept it), and said to be late
        var notice = ContractLineage.NonRenewal.of(contract.endDate(), now, user.username(), why,
                contract.renewalNoticeDays());
        tx.executeWithoutResult(status -> {
            if (store.recordNonRenewal(id, contract.endDate(), now, user.username(), why)) {
                var changes = new ArrayList<EntityChanged.Change>();
                changes.add(new EntityChanged.Change("nonRenewalFor", null, contract.endDate().toString()));
                if (why != null) {
                    changes.add(new EntityChanged.Change("reason", null, why));
                }
                if (notice.noticeLate()) {
                    changes.add(new EntityChanged.Change("noticeDeadline", null, notice.noticeDeadline().toString()));
                    changes.add(new EntityChanged.Change("noticeLate", null, "true"));
                }
                events.publishEvent(new EntityChanged("CONTRACT", id, EntityChanged.Action.UPDATE, user.username(),
                        now, changes));
            }
        });
        return store.lineage(id);
    }

    private static void checkVersion(Contract before, int expectedVersion) {
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
    }

    /** Where the action leads, or a 409 naming the current state and what is allowed in it. */
    private ContractStatus target(Contract before, ContractAction action) {
        return before.status().next(action).orElseThrow(() -> {
            var allowed = allowedNow(before);
            var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            String words = allowed.isEmpty() ? messages.getMessage("lifecycle.no-actions", null, "-", locale)
                    : String.join(messages.getMessage("lifecycle.list-separator", null, ", ", locale),
                    allowed.stream().map(a -> messages.getMessage("enum.ContractAction." + a.name(), null, a.name(),
                            locale)).toList());
            // named in words here, so that pages showing the message read the same as the API's problem
            String state = messages.getMessage("enum.ContractStatus." + before.status().name(), null,
                    before.status().name(), locale);
            String asked = messages.getMessage("enum.ContractAction." + action.name(), null, action.name(), locale);
            return new ConflictException(Map.of("contractStatus", before.status().name(),
                    "allowedActions", allowed.stream().map(Enum::name).toList()),
                    "qiyue.contract.action-not-allowed", state, asked, words);
        });
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

    /** The dashboard's contract figures as of {@code today}, within the caller's read scope narrowed by owner/team. */
    public ContractStatistics statistics(String owner, String teamId, LocalDate today) {
        return store.statistics(scopes.readNarrowed(CurrentUsers.require(), owner, teamId), today);
    }

    /**
     * Contracts in force ending between {@code from} and {@code to}, within the caller's read scope narrowed by
     * owner/team, with customer names, handed over in batches (exports of any length at a flat memory cost).
     */
    public void forEachEnding(String owner, String teamId, LocalDate from, LocalDate to,
                              java.util.function.Consumer<List<ContractSummary>> each) {
        var scope = scopes.readNarrowed(CurrentUsers.require(), owner, teamId);
        store.forEachEnding(scope, from, to, 500, batch -> {
            var names = customers.names(new HashSet<>(batch.stream().map(ContractSummary::customerId).toList()));
            each.accept(batch.stream().map(s -> new ContractSummary(s.id(), s.number(), s.type(), s.title(),
                    s.customerId(), names.get(s.customerId()), s.ourEntityId(), s.owner(), s.amount(), s.startDate(),
                    s.endDate(), s.status(), s.version(), s.updatedAt())).toList());
        });
    }

    /**
     * Numbers and titles of contracts another module lists (obligations, receipts, cases), without a scope check:
     * the caller lists only records of contracts it has already scoped.
     */
    public Map<String, ContractStatistics.Label> labels(java.util.Collection<String> ids) {
        return ids.isEmpty() ? Map.of() : store.labels(ids);
    }

    public Map<String, Long> countByType() {
        return store.countByType(scopes.read(CurrentUsers.require()));
    }

    /**
     * Every problem a save of this input would be refused for, all at once and without saving: for a form that
     * adds problems of its own (a number it could not read) and shows them together. {@code id} is the
     * contract being edited, null for a new one.
     */
    public List<FieldViolation> problems(String id, ContractInput input) {
        var user = CurrentUsers.require();
        if (id == null && !mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        var before = id == null ? null : writable(id, user);
        return check(input, ownerOf(input, before, user), user, before).violations();
    }

    /** The owner the input names, else the one before, else (a new contract) {@code user}. */
    private static String ownerOf(ContractInput input, Contract before, CurrentUser user) {
        if (!Text.isBlank(input.owner())) {
            return input.owner().trim();
        }
        return before == null ? user.username() : before.owner();
    }

    /** Checks the input against the type and the references; returns the customer's name when it was looked up. */
    private String validate(ContractInput input, String owner, CurrentUser user, Contract before) {
        var checked = check(input, owner, user, before);
        if (!checked.violations().isEmpty()) {
            throw new InvalidInputException(checked.violations()).about("contract");
        }
        return checked.customerName();
    }

    private record Checked(List<FieldViolation> violations, String customerName) {
    }

    /**
     * A contract marked free of charge (无偿) whose amount, schedule or deposit says otherwise: its document would
     * declare that nothing is paid and leave them out, while the receivables and the lists show the price.
     */
    private static List<FieldViolation> priceOfAFreeContract(ContractInput input) {
        var found = new ArrayList<FieldViolation>();
        if (input.amount() != null && input.amount().value() != null && input.amount().value().signum() != 0) {
            found.add(new FieldViolation("amount", "qiyue.contract.free-with-price"));
        }
        var payment = input.terms().payment();
        if (payment.schedule() != null && !payment.schedule().isEmpty()) {
            found.add(new FieldViolation("terms.payment.schedule", "qiyue.contract.free-with-price"));
        }
        if (payment.deposit() != null && payment.deposit().value() != null && payment.deposit().value().signum() != 0) {
            found.add(new FieldViolation("terms.payment.deposit", "qiyue.contract.free-with-price"));
        }
        return found;
    }

    /**
     * The input's own constraints (required, lengths, ranges) and the rules between its fields and with the
     * stored references, in one pass, so that a client learns of every problem with one request. A rule about
     * a field that already broke its own constraint is skipped: it would only repeat the problem.
     */
    /**
     * Every day of the contract within {@link DateBounds}, whichever way it came (a JSON body's reader refuses the
     * others; a form or a file reads its own): a due day of 0000-01-01 stored from a form left the contract unreadable.
     */
    private static List<FieldViolation> daysOutOfBounds(ContractInput input) {
        var days = new java.util.LinkedHashMap<String, LocalDate>();
        days.put("startDate", input.startDate());
        days.put("endDate", input.endDate());
        var terms = input.terms();
        if (terms != null && terms.signing() != null) {
            days.put("terms.signing.date", terms.signing().date());
        }
        if (terms != null && terms.payment() != null && terms.payment().schedule() != null) {
            var schedule = terms.payment().schedule();
            for (int i = 0; i < schedule.size(); i++) {
                if (schedule.get(i) != null) {
                    days.put("terms.payment.schedule[" + i + "].dueDate", schedule.get(i).dueDate());
                }
            }
        }
        var violations = new ArrayList<FieldViolation>();
        days.forEach((field, day) -> {
            if (!DateBounds.within(day)) {
                violations.add(DateBounds.outside(field, day));
            }
        });
        // a duty that outlives the term ends within the calendar too (9999-12-31 and 50 years made +10049-12-31)
        if (terms != null && input.endDate() != null && DateBounds.within(input.endDate())) {
            var after = new java.util.LinkedHashMap<String, Terms.PeriodAfterTermination>();
            after.put("terms.confidentialityPeriod.yearsAfterTermination", terms.confidentialityPeriod());
            after.put("terms.sharingPeriod.yearsAfterTermination", terms.sharingPeriod());
            after.forEach((field, period) -> {
                if (period != null && period.yearsAfterTermination() != null) {
                    LocalDate until = input.endDate().plusYears(period.yearsAfterTermination());
                    if (!DateBounds.within(until)) {
                        violations.add(DateBounds.outside(field, until));
                    }
                }
            });
        }
        return violations;
    }

    private Checked check(ContractInput input, String owner, CurrentUser user, Contract before) {
        var violations = new ArrayList<>(FieldViolation.of(validator.validate(input)));
        ContractType type = input.type();
        if (type != null) {
            ContractTermsParts.present(input.terms()).keySet().stream()
                    .filter(part -> !type.allows(part))
                    .forEach(part -> violations.add(new FieldViolation("terms." + part, "qiyue.contract.part-not-allowed",
                            type.nameZh(), type.nameEn())));
        }
        if (input.startDate() != null && input.endDate() != null && input.endDate().isBefore(input.startDate())) {
            violations.add(new FieldViolation("endDate", "qiyue.contract.end-before-start"));
        }
        violations.addAll(daysOutOfBounds(input));
        var damages = input.terms().breach() == null ? null : input.terms().breach().liquidatedDamages();
        if (damages != null && damages.basis() == Terms.DamagesBasis.FIXED && damages.value() != null
                && damages.value().stripTrailingZeros().scale() > 2 && damages.value().scale() <= 4) {
            // a fixed sum is money, in fen at most; the four decimals the field allows are for rates
            violations.add(new FieldViolation("terms.breach.liquidatedDamages.value", "qiyue.contract.damages-fixed-cents"));
        }
        boolean free = input.terms().withoutConsideration();
        if (type != null && type.paid() && input.amount() == null && !free) {
            violations.add(new FieldViolation("amount", "qiyue.contract.amount-required", type.nameZh(),
                    type.nameEn()));
        }
        if (free) {
            violations.addAll(priceOfAFreeContract(input));
        }
        var shared = input.terms().sharedInformation();
        if (shared != null && Boolean.FALSE.equals(shared.containsPersonalInformation())
                && Boolean.TRUE.equals(shared.containsSensitivePersonalInformation())) {
            // sensitive personal information is personal information (个人信息保护法第28条): the document would say both
            violations.add(new FieldViolation("terms.sharedInformation.containsPersonalInformation",
                    "qiyue.contract.sensitive-without-personal"));
        }
        String customerName = null;
        if (!Text.isBlank(input.customerId()) && (before == null || !before.customerId().equals(input.customerId()))) {
            customerName = customers.findVisibleName(input.customerId()).orElse(null);
            if (customerName == null) {
                violations.add(new FieldViolation("customerId", "qiyue.validation.unknown-reference", input.customerId()));
            } else {
                // a new contract, or one moved to this customer: only with customers one may still do business with
                CustomerStatus status = customers.party(input.customerId()).map(ContractParty::status).orElse(null);
                if (status == CustomerStatus.ARCHIVED || status == CustomerStatus.BLACKLISTED) {
                    violations.add(new FieldViolation("customerId",
                            "qiyue.contract.customer-" + status.name().toLowerCase(java.util.Locale.ROOT), customerName));
                }
            }
        }
        if (!Text.isBlank(input.ourEntityId()) && ourEntities.find(input.ourEntityId()).isEmpty()) {
            violations.add(new FieldViolation("ourEntityId", "qiyue.validation.unknown-reference", input.ourEntityId()));
        }
        if (owner.length() <= 64 && (before == null || !before.owner().equals(owner))
                && !scopes.mayAssign(user, ScopedResource.CONTRACT, owner)) {
            violations.add(new FieldViolation("owner", "qiyue.customer.owner-not-assignable", owner));
        }
        violations.sort(java.util.Comparator.comparing(FieldViolation::field));
        return new Checked(List.copyOf(violations), customerName);
    }

    private Contract readable(String id, CurrentUser user) {
        return store.find(id).filter(c -> mayRead(user, c))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "contract", id));
    }

    /** Within the data scope, or granted by an outer module that involves the user (an approver). */
    private boolean mayRead(CurrentUser user, Contract contract) {
        return mayRead(user, contract.owner(), contract.id());
    }

    private boolean mayRead(CurrentUser user, String owner, String contractId) {
        return scopes.read(user).includes(owner)
                || readGrants.orderedStream().anyMatch(grant -> grant.mayRead(user.username(), contractId));
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

    private void saveVersion(Contract contract, String actor, boolean moveOnly, VersionCause cause) {
        String content = json.writeValueAsString(snapshot(contract));
        store.insertVersion(contract.id(), ContractVersion.of(contract.version(), ContractVersion.SAVED, cause,
                contract.updatedAt(), actor, Hashes.sha256Hex(content)), content);
        events.publishEvent(new ContractSaved(withCustomerName(contract), actor, moveOnly));
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

    /**
     * Whether two states hold the same content, compared as the audit trail and the version history write it (amounts
     * at scale 2 as strings, the terms' nested records and lists field by field): what they would call equal is.
     */
    private boolean sameContent(Contract before, Contract after) {
        return json.valueToTree(auditView(before)).equals(json.valueToTree(auditView(after)));
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

    /** After an import wrote many contracts: the database's planner learns of them now rather than later. */
    public void afterBulkImport() {
        statistics.refreshAfterBulkWrite(Set.of("contract", "contract_version", "contract_document"));
    }
}

package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customers;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.Batches;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Supervision and evaluation by the customer (监督和评价), as our users see it: the links made for the customer's
 * contact, the answers, the averages, the concern cases and the monthly service report. Reads follow the
 * contract's read scope (404 outside it); links, settings and reports are for whoever may change the contract;
 * a case is changed by legal, admins and the contract's writers. The customer's side is {@link EvaluationLinks}.
 */
@Service
public class Evaluations {
    static final String AUDIT_LINK = "EVALUATION_LINK";
    static final String AUDIT_CASE = "CONCERN_CASE";
    static final int MAX_LINK_DAYS = 366;
    static final Map<String, String> CASE_SORT = Map.of("createdAt", "created_at", "deadline", "deadline",
            "status", "status", "updatedAt", "updated_at");
    private static final int EXPORT_BATCH = 500;
    private static final Map<String, String> EVALUATION_SORT = Map.of("submittedAt", "submitted_at");

    private final EvaluationStore store;
    private final Obligations obligations;
    private final Contracts contracts;
    private final Customers customers;
    private final UserAdministration users;
    private final DataScopes scopes;
    private final ServiceReportPdf pdf;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate streaming;
    private final SecureRandom random = new SecureRandom();

    private final org.springframework.context.MessageSource messages;

    Evaluations(EvaluationStore store, Obligations obligations, Contracts contracts, Customers customers,
                UserAdministration users, DataScopes scopes, ServiceReportPdf pdf, ApplicationEventPublisher events,
                Clock clock, PlatformTransactionManager transactions,
                org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.store = store;
        this.obligations = obligations;
        this.contracts = contracts;
        this.customers = customers;
        this.users = users;
        this.scopes = scopes;
        this.pdf = pdf;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.streaming = new TransactionTemplate(transactions);
        this.streaming.setReadOnly(true);
    }

    // ------------------------------------------------------------------ evaluations

    /** The contract's evaluations, newest first, for whoever may read it. */
    public PageResult<Evaluation> ofContract(String contractId, Integer page, Integer size) {
        var paging = Paging.of(page, size, null, EVALUATION_SORT, "submittedAt,desc");
        contracts.get(contractId);
        return store.evaluations(contractId, paging);
    }

    /** One group of the averages ({@code key}: the contract, customer, owner or type; {@code label} for display). */
    public record Average(String key, String label, long evaluations, Double rating, Double serviceQuality,
                          Double confidentiality, Double sharingAsAgreed, long lowRatings) {
    }

    public record Summary(String groupBy, List<Average> items) {
    }

    /** Averages per contract, customer, owner or type, over the evaluations of contracts the caller may read. */
    public Summary summary(String groupBy) {
        String by = groupBy == null || groupBy.isBlank() ? "contract" : groupBy.strip();
        String column = switch (by) {
            case "contract" -> "contract_id";
            case "customer" -> "customer_id";
            case "owner" -> "contract_owner";
            case "type" -> "contract_type";
            default -> throw new InvalidInputException("groupBy", "qiyue.evaluation.group-by");
        };
        var scope = scopes.read(CurrentUsers.require());
        if (scope.isEmpty()) {
            return new Summary(by, List.of());
        }
        var rows = store.averages(column, scope);
        var keys = new HashSet<String>();
        rows.forEach(r -> keys.add(r.key()));
        Map<String, String> labels = switch (by) {
            case "contract" -> store.contractNumbers(keys);
            case "customer" -> customers.names(keys);
            case "type" -> keys.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> messages.getMessage(
                    "enum.ContractType." + k, null, k,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            default -> Map.of();
        };
        return new Summary(by, rows.stream().map(r -> new Average(r.key(), labels.getOrDefault(r.key(), r.key()),
                r.evaluations(), round(r.rating()), round(r.serviceQuality()), round(r.confidentiality()),
                round(r.sharingAsAgreed()), r.low())).toList());
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    // ------------------------------------------------------------------ links

    /**
     * What the owner asks for: a link of {@code purpose} (for a confirmation, of which obligation), to which contact
     * (default: the primary one, else the first with an e-mail), valid how many days (default by purpose), and
     * whether it is e-mailed to the contact now (default true).
     */
    public record LinkInput(EvaluationPurpose purpose, String obligationId, String contactId, Integer expiresInDays,
                            Boolean send) {
    }

    /** A new link with its address, which holds the token and is shown this once. */
    public record Issued(EvaluationLink link, String path) {
    }

    public Issued issue(String contractId, LinkInput input) {
        Contract contract = contracts.getChangeable(contractId);
        var violations = new ArrayList<FieldViolation>();
        if (input == null || input.purpose() == null) {
            throw new InvalidInputException("purpose", "qiyue.validation.required");
        }
        if (!signed(contract.status())) {
            throw new ConflictException("qiyue.evaluation.not-signed");
        }
        Obligation obligation = null;
        if (input.purpose() == EvaluationPurpose.CONFIRM_OBLIGATION) {
            String id = Text.blankToNull(input.obligationId());
            if (id == null) {
                violations.add(new FieldViolation("obligationId", "qiyue.validation.required"));
            } else {
                obligation = obligations.internalOfContract(contractId).stream().filter(o -> o.id().equals(id))
                        .findFirst().orElse(null);
                if (obligation == null) {
                    violations.add(new FieldViolation("obligationId", "qiyue.evaluation.obligation-unknown"));
                } else if (!obligation.kind().confirmedByTheCustomer() || obligation.status() != ObligationStatus.DONE) {
                    violations.add(new FieldViolation("obligationId", "qiyue.evaluation.obligation-not-confirmable"));
                }
            }
        } else if (Text.blankToNull(input.obligationId()) != null) {
            violations.add(new FieldViolation("obligationId", "qiyue.evaluation.obligation-only-to-confirm"));
        }
        int days = input.expiresInDays() == null ? (int) input.purpose().validity().toDays() : input.expiresInDays();
        if (days < 1 || days > MAX_LINK_DAYS) {
            violations.add(new FieldViolation("expiresInDays", "qiyue.evaluation.expires-range", 1, MAX_LINK_DAYS));
        }
        Contact contact = null;
        String contactId = Text.blankToNull(input.contactId());
        var all = contactsOf(contract);
        if (contactId != null) {
            contact = all.stream().filter(c -> c.id().equals(contactId.strip())).findFirst().orElse(null);
            if (contact == null) {
                violations.add(new FieldViolation("contactId", "qiyue.evaluation.contact-unknown"));
            }
        } else {
            contact = contactFor(all).orElse(null);
        }
        boolean send = input.send() == null || input.send();
        if (send && contact != null && Text.isBlank(contact.email()) && violations.isEmpty()) {
            violations.add(new FieldViolation("contactId", "qiyue.evaluation.contact-without-email"));
        }
        if (send && contact == null && violations.isEmpty()) {
            violations.add(new FieldViolation("contactId", "qiyue.evaluation.no-contact"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Obligation o = obligation;
        Contact to = contact;
        return tx.execute(s -> issue(contract, input.purpose(), o, to, Duration.ofDays(days), CurrentUsers.actorName(),
                send, null));
    }

    /** The contract's links, newest first, for whoever may read it. */
    public List<EvaluationLink> links(String contractId) {
        contracts.get(contractId);
        Instant now = clock.instant();
        return store.links(contractId).stream().map(r -> r.view(now)).toList();
    }

    /** One link, for whoever may read its contract (404 otherwise, as for a link that does not exist). */
    public EvaluationLink link(String linkId) {
        return store.link(linkId).filter(r -> contracts.findVisible(r.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "evaluation-link", linkId))
                .view(clock.instant());
    }

    /** Revokes a link: 404 outside the read scope, 403 without write access; twice is no error. */
    public EvaluationLink revoke(String linkId) {
        var row = store.link(linkId).filter(r -> contracts.findVisible(r.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "evaluation-link", linkId));
        contracts.getChangeable(row.contractId());
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        tx.executeWithoutResult(s -> {
            if (store.revoke(linkId, now, actor)) {
                events.publishEvent(new EntityChanged(AUDIT_LINK, linkId, EntityChanged.Action.DELETE, actor, now,
                        List.of(new EntityChanged.Change("revokedAt", null, now.toString()))));
            }
        });
        return store.link(linkId).orElseThrow().view(now);
    }

    /**
     * Makes a link in the caller's transaction: a fresh 256-bit token of which only the SHA-256 is kept, an audit
     * entry, and the event that e-mails it to the contact (when {@code send} and the contact has an address).
     */
    Issued issue(Contract contract, EvaluationPurpose purpose, Obligation obligation, Contact contact,
                 Duration validity, String actor, boolean send, YearMonth reportMonth) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        var row = new EvaluationStore.LinkRow(Ids.newId(), contract.id(), purpose,
                obligation == null ? null : obligation.id(), contact == null ? null : contact.id(),
                contact == null ? null : cut(contact.name(), 100), contact == null ? null : contact.email(), now, actor,
                now.plus(validity), null, null, null, null);
        store.insertLink(row, Hashes.sha256Hex(token));
        events.publishEvent(new EntityChanged(AUDIT_LINK, row.id(), EntityChanged.Action.CREATE, actor, now,
                List.of(new EntityChanged.Change("contractId", null, contract.id()),
                        new EntityChanged.Change("purpose", null, purpose.name()),
                        new EntityChanged.Change("expiresAt", null, row.expiresAt().toString()))));
        String path = "/c/" + token + (reportMonth == null ? "" : "/report?month=" + reportMonth);
        if (send && contact != null && !Text.isBlank(contact.email())) {
            events.publishEvent(new EvaluationEvents.LinkIssued(row.id(), contract.id(), contract.number(),
                    contract.title(), purpose, contact.name(), contact.email(), path, row.expiresAt(),
                    reportMonth != null ? reportMonth.toString() : obligation == null ? null : obligation.title(),
                    reportMonth != null, now));
        }
        return new Issued(row.view(now), path);
    }

    List<Contact> contactsOf(Contract contract) {
        return customers.inFull(contract.customerId()).map(c -> c.contacts()).orElse(List.of());
    }

    /** The contact links go to: the primary one when it has an e-mail, else the first that has one. */
    static Optional<Contact> contactFor(List<Contact> contacts) {
        return contacts.stream().filter(c -> c.primary() && !Text.isBlank(c.email())).findFirst()
                .or(() -> contacts.stream().filter(c -> !Text.isBlank(c.email())).findFirst());
    }

    static boolean signed(ContractStatus status) {
        return status == ContractStatus.SIGNED || status == ContractStatus.ACTIVE || status == ContractStatus.EXPIRED
                || status == ContractStatus.TERMINATED || status == ContractStatus.RENEWED;
    }

    // ------------------------------------------------------------------ settings

    /** The contract's periodic evaluation: every {@code intervalDays}, the next on {@code nextOn} (null: not yet signed). */
    public record Settings(String contractId, int intervalDays, LocalDate nextOn, int version) {
    }

    public Settings settings(String contractId) {
        contracts.get(contractId);
        return store.schedule(contractId).map(s -> new Settings(contractId, s.intervalDays(), s.nextOn(), s.version()))
                .orElseGet(() -> new Settings(contractId, EvaluationRules.DEFAULT_INTERVAL_DAYS,
                        firstPeriodic(contractId), 0));
    }

    /**
     * The day {@link EvaluationCalendar} will schedule the first periodic evaluation of a signed contract it has not
     * scheduled yet (its daily run does): the default interval after signing; null before the signing.
     */
    private LocalDate firstPeriodic(String contractId) {
        var plannedAt = store.plannedAt(contractId);
        return plannedAt == null ? null
                : LocalDate.ofInstant(plannedAt, Obligations.CHINA).plusDays(EvaluationRules.DEFAULT_INTERVAL_DAYS);
    }

    /**
     * Sets the interval (7–366 days) for whoever may change the contract; the next periodic evaluation is then
     * due that many days from today (or from signing, for a contract not signed yet). {@code expectedVersion}: the
     * settings' ETag (0 while the default applies).
     */
    public Settings changeSettings(String contractId, int expectedVersion, Integer intervalDays) {
        var contract = contracts.getChangeable(contractId);
        var violations = new ArrayList<FieldViolation>();
        EvaluationRules.interval(intervalDays, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var shown = settings(contractId);
        if (shown.version() == expectedVersion && java.util.Objects.equals(shown.intervalDays(), intervalDays)) {
            // what GET answered, sent back: nothing stored, the same version (another editor's If-Match holds)
            return shown;
        }
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        LocalDate next = store.plannedAt(contractId) == null ? null : obligations.today().plusDays(intervalDays);
        tx.executeWithoutResult(s -> {
            var current = store.schedule(contractId);
            int version = current.map(EvaluationStore.Schedule::version).orElse(0);
            if (version != expectedVersion) {
                throw new PreconditionFailedException("qiyue.problem.stale", version);
            }
            if (current.isEmpty()) {
                store.insertSchedule(new EvaluationStore.Schedule(contractId, intervalDays, next, now, actor, 1));
            } else if (!store.updateSchedule(contractId, expectedVersion, intervalDays, next, now, actor)) {
                throw new PreconditionFailedException("qiyue.problem.stale", version);
            }
            events.publishEvent(new EntityChanged("EVALUATION_SETTINGS", contract.id(), EntityChanged.Action.UPDATE,
                    actor, now, List.of(new EntityChanged.Change("intervalDays",
                    current.map(c -> String.valueOf(c.intervalDays())).orElse(null), String.valueOf(intervalDays)))));
        });
        return settings(contractId);
    }

    // ------------------------------------------------------------------ cases

    /** A concern one of our users records (e.g. told by phone). {@code deadline} defaults by category. */
    public record CaseInput(CaseCategory category, String description, LocalDate deadline) {
    }

    public ConcernCase reportCase(String contractId, CaseInput input) {
        Contract contract = contracts.getChangeable(contractId);
        if (!signed(contract.status())) {
            throw new ConflictException("qiyue.evaluation.not-signed");
        }
        var violations = new ArrayList<FieldViolation>();
        if (input == null || input.category() == null) {
            violations.add(new FieldViolation("category", "qiyue.validation.required"));
        }
        EvaluationRules.description(input == null ? null : input.description(), violations);
        LocalDate today = obligations.today();
        if (input != null && input.deadline() != null && input.deadline().isBefore(today)) {
            violations.add(new FieldViolation("deadline", "qiyue.evaluation.deadline-past"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String actor = CurrentUsers.actorName();
        return tx.execute(s -> openCase(contract, CaseSource.STAFF, null, null, null, input.category(),
                Text.input(input.description()).strip(), actor, input.deadline(), actor));
    }

    /** Opens a case in the caller's transaction, owned by the contract's owner, and tells the owner and manager. */
    ConcernCase openCase(Contract contract, CaseSource source, String linkId, String evaluationId, String obligationId,
                         CaseCategory category, String description, String reportedBy, LocalDate deadline,
                         String actor) {
        Instant now = clock.instant();
        LocalDate due = deadline != null ? deadline : EvaluationRules.deadline(category, obligations.today());
        var c = new ConcernCase(Ids.newId(), contract.id(), contract.number(), cut(contract.title(), 200),
                contract.type().name(), contract.owner(), contract.customerId(), source, evaluationId, obligationId,
                category, cut(description, EvaluationRules.MAX_DESCRIPTION), cut(reportedBy, 100), contract.owner(),
                due, CaseStatus.OPEN, null, now, now, actor, null, 1);
        store.insertCase(c, linkId);
        events.publishEvent(new EntityChanged(AUDIT_CASE, c.id(), EntityChanged.Action.CREATE, actor, now,
                List.of(new EntityChanged.Change("contractId", null, contract.id()),
                        new EntityChanged.Change("category", null, category.name()),
                        new EntityChanged.Change("owner", null, c.owner()),
                        new EntityChanged.Change("deadline", null, due.toString()))));
        events.publishEvent(new EvaluationEvents.CaseOpened(c.id(), contract.id(), contract.number(), contract.title(),
                c.owner(), category, c.description(), actor, now));
        return c;
    }

    /**
     * Cases of contracts the caller may read (or that are theirs to handle), filtered; {@code open=true}: open or
     * in progress.
     */
    public PageResult<ConcernCase> cases(String status, Boolean open, String category, String contractId, String owner,
                                         Integer page, Integer size, String sort) {
        var paging = Paging.of(page, size, sort, CASE_SORT, "createdAt,desc");
        var query = caseQuery(status, open, category, contractId, owner);
        var scope = scopes.read(CurrentUsers.require());
        if (scope.isEmpty()) {
            return new PageResult<>(List.of(), paging.page(), paging.size(), 0);
        }
        return store.cases(query, scope, paging);
    }

    /**
     * The whole list as {@link #cases} filters, scopes and sorts it (every page), for an export: the filters and
     * the sort are checked now (400), the rows are read when the batches are walked.
     */
    public Batches<ConcernCase> allCases(String status, Boolean open, String category, String contractId,
                                         String owner, String sort) {
        var order = Paging.of(0, 1, sort, CASE_SORT, "createdAt,desc");
        var query = caseQuery(status, open, category, contractId, owner);
        var scope = scopes.read(CurrentUsers.require());
        return each -> {
            if (!scope.isEmpty()) {
                streaming.executeWithoutResult(s -> store.forEachCase(query, scope, order, EXPORT_BATCH, each));
            }
        };
    }

    private static EvaluationStore.CaseQuery caseQuery(String status, Boolean open, String category,
                                                       String contractId, String owner) {
        var violations = new ArrayList<FieldViolation>();
        CaseStatus s = parse(CaseStatus.class, status, "status", violations);
        CaseCategory c = parse(CaseCategory.class, category, "category", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new EvaluationStore.CaseQuery(s, open, c, Text.blankToNull(contractId), Text.blankToNull(owner));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldViolation> out) {
        if (Text.isBlank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            // named with the values it may take, as every other list filter does
            out.add(new FieldViolation(field, "qiyue.json.enum", value.strip(), type));
            return null;
        }
    }

    /** The contract's cases, for whoever may read it. */
    public List<ConcernCase> casesOf(String contractId) {
        contracts.get(contractId);
        return store.casesOfContract(contractId);
    }

    /** One case, for whoever may read its contract or handles it. */
    public ConcernCase caseOf(String id) {
        var c = store.findCase(id).orElseThrow(() -> caseNotFound(id));
        var user = CurrentUsers.require();
        if (!user.username().equals(c.owner()) && contracts.findVisible(c.contractId()).isEmpty()) {
            throw caseNotFound(id);
        }
        return c;
    }

    /** Whether the caller may change the case: legal, admins and whoever may change the contract. */
    public boolean mayChange(ConcernCase c) {
        return contracts.findVisible(c.contractId()).map(contracts::mayChange).orElse(false);
    }

    /** A change of a case: each field as it should be (a merge patch applied to the case's current values). */
    public record CaseChange(CaseStatus status, String owner, LocalDate deadline, String resolution) {
    }

    public CaseChange editable(String id) {
        var c = caseOf(id);
        return new CaseChange(c.status(), c.owner(), c.deadline(), c.resolution());
    }

    public ConcernCase changeCase(String id, int expectedVersion, CaseChange change) {
        var before = caseOf(id);
        if (!mayChange(before)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        var violations = new ArrayList<FieldViolation>();
        CaseStatus to = change.status() == null ? before.status() : change.status();
        if (change.status() == null) {
            violations.add(new FieldViolation("status", "qiyue.validation.required"));
        }
        String owner = Text.blankToNull(change.owner());
        if (owner == null) {
            violations.add(new FieldViolation("owner", "qiyue.validation.required"));
        } else if (!owner.equals(before.owner())) {
            // the new owner must be able to work on the contract: read it and change it (a colleague of another
            // team or a read-only user would be told of a complaint they may not even open)
            var candidate = users.findByUsername(owner.strip()).filter(User::enabled);
            if (candidate.isEmpty()) {
                violations.add(new FieldViolation("owner", "qiyue.evaluation.owner-unknown"));
            } else {
                var u = candidate.get();
                var asUser = new io.qiyue.security.CurrentUser(u.id(), u.username(), u.displayName(), u.roles(),
                        u.teamId());
                if (!scopes.write(asUser, io.qiyue.security.ScopedResource.CONTRACT).includes(before.contractOwner())) {
                    violations.add(new FieldViolation("owner", "qiyue.evaluation.owner-out-of-scope", u.username()));
                }
            }
        }
        if (change.deadline() == null) {
            violations.add(new FieldViolation("deadline", "qiyue.validation.required"));
        } else if (!change.deadline().equals(before.deadline())
                && change.deadline().isBefore(LocalDate.ofInstant(before.createdAt(), Obligations.CHINA))) {
            violations.add(new FieldViolation("deadline", "qiyue.evaluation.deadline-before-case"));
        }
        String resolution = Text.blankToNull(Text.input(change.resolution()));
        if (resolution != null && resolution.length() > EvaluationRules.MAX_RESOLUTION) {
            violations.add(new FieldViolation("resolution", "qiyue.validation.size", 1, EvaluationRules.MAX_RESOLUTION));
        }
        if (to != before.status() && !before.status().mayMoveTo(to)) {
            violations.add(new FieldViolation("status", "qiyue.evaluation.case-move", before.status().name(),
                    to.name()));
        } else if (to.needsResolution() && resolution == null) {
            violations.add(new FieldViolation("resolution", "qiyue.evaluation.resolution-required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Instant now = clock.instant();
        String actor = CurrentUsers.actorName();
        var after = new ConcernCase(before.id(), before.contractId(), before.contractNumber(), before.contractTitle(),
                before.contractType(), before.contractOwner(), before.customerId(), before.source(),
                before.evaluationId(), before.obligationId(), before.category(), before.description(),
                before.reportedBy(), owner.strip(), change.deadline(), to, resolution, before.createdAt(), now, actor,
                to.needsResolution() ? (before.closedAt() != null && before.status().needsResolution()
                        ? before.closedAt() : now) : null, before.version() + 1);
        tx.executeWithoutResult(s -> {
            if (!store.updateCase(before, after)) {
                throw new PreconditionFailedException("qiyue.problem.stale", before.version());
            }
            var changes = new ArrayList<EntityChanged.Change>();
            diff(changes, "status", before.status().name(), to.name());
            diff(changes, "owner", before.owner(), after.owner());
            diff(changes, "deadline", before.deadline().toString(), after.deadline().toString());
            diff(changes, "resolution", before.resolution(), after.resolution());
            events.publishEvent(new EntityChanged(AUDIT_CASE, before.id(), EntityChanged.Action.UPDATE, actor, now,
                    changes));
            if (!after.owner().equals(before.owner())) {
                // the new owner is told as if the case were new to them
                events.publishEvent(new EvaluationEvents.CaseOpened(after.id(), after.contractId(),
                        after.contractNumber(), after.contractTitle(), after.owner(), after.category(),
                        after.description(), actor, now));
            }
        });
        return store.findCase(id).orElseThrow();
    }

    private static void diff(List<EntityChanged.Change> changes, String field, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(new EntityChanged.Change(field, before, after));
        }
    }

    private static NotFoundException caseNotFound(String id) {
        return new NotFoundException("qiyue.problem.not-found", "case", id);
    }

    // ------------------------------------------------------------------ the monthly service report

    /** The month's service report of a contract the caller may read, as PDF. */
    public byte[] serviceReport(String contractId, String month, Locale locale) {
        var contract = contracts.get(contractId);
        var m = month(month);
        // a month outside the term has no service to report (the customer's page offers none either)
        if (outsideTerm(contract, m)) {
            throw outsideTermProblem(contract);
        }
        return pdf.render(report(contract, m), locale);
    }

    /** A month outside the contract's term, for its owner and for the customer's link alike. */
    static InvalidInputException outsideTermProblem(Contract contract) {
        return new InvalidInputException("month", "qiyue.evaluation.month-outside-term",
                contract.startDate() == null ? "" : YearMonth.from(contract.startDate()).toString(),
                contract.endDate() == null ? "" : YearMonth.from(contract.endDate()).toString());
    }

    /**
     * E-mails the contact a link to the contract's performance page, which offers the month's report as PDF (the
     * outbox carries text, not attachments); for whoever may change an active (or signed) contract.
     */
    public Issued sendServiceReport(String contractId, String month) {
        var contract = contracts.getChangeable(contractId);
        YearMonth m = month(month);
        if (!contract.status().inForce()) {
            throw new ConflictException("qiyue.evaluation.report-not-in-force");
        }
        var contact = contactFor(contactsOf(contract))
                .orElseThrow(() -> new InvalidInputException("contactId", "qiyue.evaluation.no-contact"));
        return tx.execute(s -> issue(contract, EvaluationPurpose.PERFORMANCE_PAGE, null, contact,
                EvaluationPurpose.PERFORMANCE_PAGE.validity(), CurrentUsers.actorName(), true, m));
    }

    static boolean outsideTerm(Contract contract, YearMonth m) {
        return (contract.startDate() != null && m.isBefore(YearMonth.from(contract.startDate())))
                || (contract.endDate() != null && m.isAfter(YearMonth.from(contract.endDate())));
    }

    static YearMonth month(String month) {
        if (Text.isBlank(month)) {
            throw new InvalidInputException("month", "qiyue.validation.required");
        }
        try {
            var m = YearMonth.parse(month.strip());
            if (m.getYear() < 2000 || m.getYear() > 2100) {
                throw new InvalidInputException("month", "qiyue.evaluation.month");
            }
            return m;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("month", "qiyue.evaluation.month");
        }
    }

    /** What the month's report holds, outside any scope (the caller or the link decided access). */
    ServiceReport report(Contract contract, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        var obligationsOfMonth = obligations.internalOfContract(contract.id()).stream()
                .filter(o -> o.side() == ObligationSide.OURS || o.kind() == ObligationKind.PAYMENT)
                .filter(o -> within(o.dueDate(), first, last) || within(o.completedOn(), first, last))
                .toList();
        var evaluations = store.evaluations(contract.id()).stream()
                .filter(e -> within(LocalDate.ofInstant(e.submittedAt(), Obligations.CHINA), first, last)).toList();
        var cases = store.casesOfContract(contract.id()).stream()
                .filter(c -> within(LocalDate.ofInstant(c.createdAt(), Obligations.CHINA), first, last)
                        || (c.status().open() && !LocalDate.ofInstant(c.createdAt(), Obligations.CHINA).isAfter(last)))
                .toList();
        return new ServiceReport(contract.number(), contract.title(), contract.customerName(), contract.type(),
                month, obligationsOfMonth, evaluations, cases, clock.instant());
    }

    private static boolean within(LocalDate day, LocalDate first, LocalDate last) {
        return day != null && !day.isBefore(first) && !day.isAfter(last);
    }

    /** One month of a contract for its service report. */
    record ServiceReport(String contractNumber, String contractTitle, String customerName, ContractType type,
                         YearMonth month, List<Obligation> obligations, List<Evaluation> evaluations,
                         List<ConcernCase> cases, Instant generatedAt) {
    }

    // ------------------------------------------------------------------ for this module

    /** The contract's owner or customer changed: the copies follow. */
    void contractChanged(Contract contract) {
        store.followContract(contract.id(), contract.owner(), contract.customerId());
    }

    /**
     * An obligation we deliver was marked done: its customer's contact gets a link to confirm and rate it (once
     * per completion; nothing when no contact has an e-mail).
     */
    void askConfirmation(ObligationCompleted done) {
        if (!done.kind().confirmedByTheCustomer() || done.side() != ObligationSide.OURS) {
            return;
        }
        if (store.confirmationAsked(done.obligationId(), done.at())) {
            return;
        }
        Contract contract = contracts.internal(done.contractId());
        var obligation = obligations.internal(done.obligationId());
        contactFor(contactsOf(contract)).ifPresent(contact -> issue(contract, EvaluationPurpose.CONFIRM_OBLIGATION,
                obligation, contact, EvaluationPurpose.CONFIRM_OBLIGATION.validity(), "system", true, null));
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

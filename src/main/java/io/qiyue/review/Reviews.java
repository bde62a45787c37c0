package io.qiyue.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.VersionCause;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reviews a contract's current version within the caller's data scope ({@link Contracts#get} is a 404
 * outside it) and keeps the last result per contract; accepts warnings with a written reason.
 */
@Service
public class Reviews {
    static final int MAX_REASON = 1000;
    static final String AUDIT_TYPE = "CONTRACT_REVIEW";

    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final ReviewStore store;
    private final AcceptanceStore acceptances;
    private final ReviewEngines engines;
    private final Clock clock;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final AcceptancePolicies policies;
    private final io.qiyue.template.Templates templates;
    private final io.qiyue.template.Clauses library;
    private final Counter reviewsRun;
    private final Timer engineTime;

    Reviews(Contracts contracts, Customers customers, OurEntities ourEntities, ReviewStore store,
            AcceptanceStore acceptances, ReviewEngines engines, Clock clock, JsonMapper json,
            ApplicationEventPublisher events, AcceptancePolicies policies, io.qiyue.template.Templates templates,
            io.qiyue.template.Clauses library, MeterRegistry metrics) {
        this.reviewsRun = Counter.builder("qiyue.reviews.run")
                .description("Contract reviews run by the engine (stored ones and reviews of earlier versions)")
                .register(metrics);
        // what a review costs beside reading the contract and storing and answering the findings (bench/speed.sh
        // holds the review's HTTP time to it)
        this.engineTime = Timer.builder("qiyue.review.engine")
                .description("The review engine's own time per contract reviewed (the rules over the clauses)")
                .register(metrics);
        this.policies = policies;
        this.templates = templates;
        this.library = library;
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.store = store;
        this.acceptances = acceptances;
        this.engines = engines;
        this.clock = clock;
        this.json = json;
        this.events = events;
    }

    /**
     * The engine of the current settings (reads the settings revision; see {@link ReviewEngines}). Callers
     * that review many contracts take it once, so that all of them get the same settings.
     */
    public ReviewEngine engine() {
        return engines.current();
    }

    /** The ruleset version and settings revision a review started now would record. */
    public CurrentRules currentRules() {
        var engine = engines.current();
        return new CurrentRules(engine.rulesetVersion(), engine.settingsRevision());
    }

    /** Which ruleset and settings reviews now run with; a stored review made with others is out of date. */
    public record CurrentRules(String rulesetVersion, int settingsRevision) {

        public boolean matches(StoredReview review) {
            return rulesetVersion.equals(review.rulesetVersion()) && review.settingsRevision() != null
                    && review.settingsRevision() == settingsRevision;
        }
    }

    /**
     * Runs the review of the contract's current version, stores it as the contract's last review and returns it.
     * Storing is a change: read-only users (VIEWER, FINANCE, or outside the write scope) read the last review
     * instead (403).
     */
    @Transactional
    public StoredReview review(String contractId, Locale locale) {
        var contract = contracts.getChangeable(contractId);
        Instant now = clock.instant();
        var row = new ReviewStore.Row(contract.id(), contract.version(), evaluate(contract, now), now,
                CurrentUsers.require().username());
        store.save(row);
        return view(row, locale);
    }

    /**
     * Reviews an earlier saved version as it was ({@link Contracts#savedVersion}) with today's rules, and
     * only answers: the stored last review, its acceptances and the gate belong to the current version.
     */
    @Transactional(readOnly = true)
    public StoredReview reviewEarlier(Contract version, Locale locale) {
        Instant now = clock.instant();
        var review = engines.localise(evaluate(version, now), locale);
        // nothing is fixed on, or submitted from, a past version: no finding offers a fix and none blocks
        var findings = review.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(), f.path(), f.span(),
                f.message(), f.citation(), f.suggestion())).toList();
        return new StoredReview(version.id(), version.version(), review.rulesetVersion(), review.settingsRevision(),
                findings, review.blockers(), review.warnings(), review.infos(), 0, review.errors(), now,
                CurrentUsers.require().username());
    }

    /** The last stored review of a contract the caller may read; 404 when the contract was never reviewed. */
    @Transactional(readOnly = true)
    public StoredReview last(String contractId, Locale locale) {
        contracts.get(contractId);
        return store.find(contractId).map(row -> view(row, locale))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "review", contractId));
    }

    /**
     * Accepts a WARNING of a draft with a written reason (1–1000 characters), after a fresh review of the
     * current version: the finding of the rule at the path whose words start at {@code start}, or, when
     * {@code start} is null, every finding of the rule at the path. 404 when there is no such finding, 409
     * for a BLOCKER or INFO. The acceptance keeps a fingerprint of the value at the path and what the findings
     * said, is audited, lasts until a save changes that value, and covers a finding only while it says the
     * same (QY-V001 accepted at 33% is open again at 80% after the amount changed).
     */
    @Transactional
    public StoredReview accept(String contractId, String ruleId, String path, Integer start, String reason,
                               Locale locale) {
        // who may not change the contract is refused whatever they sent (403; 404 outside the read scope)
        var contract = contracts.getChangeable(contractId);
        var violations = new ArrayList<io.qiyue.shared.FieldViolation>();
        if (path == null || path.isBlank()) {
            violations.add(new io.qiyue.shared.FieldViolation("path", "qiyue.validation.required"));
        }
        if (reason == null || reason.isBlank()) {
            violations.add(new io.qiyue.shared.FieldViolation("reason", "qiyue.validation.required"));
        } else if (reason.strip().length() > MAX_REASON) {
            violations.add(new io.qiyue.shared.FieldViolation("reason", "qiyue.validation.size", 1, MAX_REASON));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (!contract.status().editable()) {
            throw new ConflictException("qiyue.contract.not-editable", contract.status());
        }
        policies.requireMayAccept(contract, ruleId);
        Instant now = clock.instant();
        var evaluation = evaluate(contract, now);
        var matching = evaluation.findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && f.path().equals(path)
                        && (start == null || (f.span() != null && f.span().start() == start)))
                .toList();
        if (matching.isEmpty()) {
            throw new NotFoundException("qiyue.problem.not-found", "finding", ruleId + " " + path);
        }
        if (matching.stream().noneMatch(f -> f.severity() == Severity.WARNING)) {
            throw new ConflictException("qiyue.review.not-acceptable", ruleId, matching.getFirst().severity());
        }
        String user = CurrentUsers.require().username();
        String why = reason.strip();
        String accepted = String.join(",", matching.stream().filter(f -> f.severity() == Severity.WARNING)
                .map(AcceptanceStore::signature).distinct().toList());
        var acceptance = new AcceptanceStore.Row(contractId, ruleId, path,
                start == null ? AcceptanceStore.WHOLE_PATH : start, fingerprint(tree(contract), path),
                contract.version(), why, user, now, accepted.length() > 2000 ? null : accepted);
        acceptances.save(acceptance);
        events.publishEvent(new EntityChanged(AUDIT_TYPE, contractId, EntityChanged.Action.UPDATE,
                CurrentUsers.actorName(), now, List.of(new EntityChanged.Change(acceptance.describe(), null, why))));
        var row = new ReviewStore.Row(contract.id(), contract.version(), evaluation, now, user);
        store.save(row);
        return view(row, locale);
    }

    /**
     * Applies the fix a finding offers ({@link Fixes}) to the current version of a draft: the finding of
     * the rule at the path (and span start, for text) must be in a fresh review of that version. The
     * change is an ordinary save (If-Match, new version, audit), and the new version's review is stored as the
     * last review. 404 when there is no such finding, 409 when the finding offers no fix.
     */
    @Transactional
    public Contract applyFix(String contractId, int expectedVersion, String ruleId, String path, Integer start) {
        // 403 before anything about the version or the finding: a read-only caller learns nothing more
        var contract = contracts.getChangeable(contractId);
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path", "qiyue.validation.required");
        }
        if (contract.version() != expectedVersion) {
            throw new io.qiyue.shared.PreconditionFailedException("qiyue.problem.stale", contract.version());
        }
        var fix = proposedFix(contract, ruleId, path, start);
        var input = fix.input();
        int slash = path.lastIndexOf('/');
        JsonNode parent = input.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof tools.jackson.databind.node.ObjectNode object) {
            object.put(last, fix.preview().after());
        } else if (parent instanceof tools.jackson.databind.node.ArrayNode array) {
            array.set(Integer.parseInt(last), array.stringNode(fix.preview().after()));
        } else {
            throw new ConflictException("qiyue.review.no-fix", ruleId);
        }
        var changed = json.treeToValue(input, io.qiyue.contract.ContractInput.class);
        // the save reviews the new version (ReviewGate), so the next fix is chosen from findings that still hold
        return contracts.update(contractId, expectedVersion, changed, VersionCause.APPLY_SUGGESTION);
    }

    /**
     * What applying the fix of a finding would change, without changing it: the text at the finding's path
     * before and after, for the current version of a draft the caller may change (403, 404 and 409 as for
     * {@link #applyFix}).
     */
    @Transactional(readOnly = true)
    public FixPreview previewFix(String contractId, String ruleId, String path, Integer start) {
        var contract = contracts.getChangeable(contractId);
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path", "qiyue.validation.required");
        }
        return proposedFix(contract, ruleId, path, start).preview();
    }

    private record ProposedFix(JsonNode input, FixPreview preview) {
    }

    private ProposedFix proposedFix(Contract contract, String ruleId, String path, Integer start) {
        if (!contract.status().editable()) {
            throw new ConflictException("qiyue.contract.not-editable", contract.status());
        }
        var evaluation = evaluate(contract, clock.instant());
        var finding = evaluation.findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && f.path().equals(path)
                        && (start == null || (f.span() != null && f.span().start() == start)))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "finding", ruleId + " " + path));
        if (!Fixes.applicable(finding)) {
            throw new ConflictException("qiyue.review.no-fix", ruleId);
        }
        JsonNode input = json.valueToTree(contracts.editable(contract.id()));
        JsonNode current = input.at(path);
        String before = current.isString() ? current.asString() : null;
        String after = Fixes.apply(finding, before)
                .orElseThrow(() -> new ConflictException("qiyue.review.no-fix", ruleId));
        return new ProposedFix(input, new FixPreview(ruleId, path, contract.version(), before, after));
    }

    /**
     * Removes the acceptances whose path now holds another value than when they were accepted (called in
     * the transaction that saves the contract); each removal is audited.
     */
    void invalidateChangedAcceptances(Contract saved, String actor) {
        var rows = acceptances.of(saved.id());
        if (rows.isEmpty()) {
            return;
        }
        JsonNode tree = tree(saved);
        var changes = new ArrayList<EntityChanged.Change>();
        for (var row : rows) {
            if (!fingerprint(tree, row.path()).equals(row.fingerprint())) {
                acceptances.delete(row);
                changes.add(new EntityChanged.Change(row.describe(), row.reason(), null));
            }
        }
        if (!changes.isEmpty()) {
            events.publishEvent(new EntityChanged(AUDIT_TYPE, saved.id(), EntityChanged.Action.UPDATE,
                    actor == null ? CurrentUsers.actorName() : actor, clock.instant(), changes));
        }
    }

    /**
     * A lifecycle move saves a new version with the same content: the stored review still describes it, so it
     * moves to the new version instead of showing as outdated.
     */
    /** Reviews a version as it is being saved, by its author, and stores it as the contract's last review. */
    void reviewSaved(Contract saved, String actor) {
        Instant now = clock.instant();
        store.save(new ReviewStore.Row(saved.id(), saved.version(), evaluate(saved, now), now, actor));
    }

    /** The review of a contract just created (its version 1), in the transaction that created it. */
    void reviewCreated(Contract created, String actor) {
        Instant now = clock.instant();
        store.saveFirst(new ReviewStore.Row(created.id(), created.version(), evaluate(created, now), now, actor));
    }

    /** The first reviews of many contracts just created together (an import's file), each as {@link #reviewCreated} makes it. */
    void reviewCreatedAll(List<Contract> created, String actor) {
        // one engine for the lot (the settings cannot change within the import's transaction); the subjects read on
        // this thread (the import's transaction and memo), the rules run on every core
        var engine = engines.current();
        var subjects = new ArrayList<ReviewSubject>(created.size());
        var times = new ArrayList<Instant>(created.size());
        for (Contract contract : created) {
            Instant now = clock.instant();
            times.add(now);
            subjects.add(subject(contract, now));
        }
        var rows = new ReviewStore.Row[created.size()];
        java.util.stream.IntStream.range(0, created.size()).parallel().forEach(i -> rows[i] = new ReviewStore.Row(
                created.get(i).id(), created.get(i).version(), engine.evaluate(subjects.get(i)), times.get(i), actor));
        store.saveFirstAll(java.util.Arrays.asList(rows));
    }

    void carryReviewForward(Contract saved) {
        int previous = saved.version() - 1;
        var last = store.find(saved.id());
        if (previous >= 1 && last.isPresent() && last.get().contractVersion() == previous) {
            store.carryForward(saved.id(), previous, saved.version());
        }
    }

    ReviewSubject subject(Contract contract, Instant now) {
        var customer = customers.party(contract.customerId()).orElse(null);
        var ourEntity = ourEntities.party(contract.ourEntityId()).orElse(null);
        var subject = ReviewSubject.of(contract, customer, ourEntity, LocalDate.ofInstant(now, clock.getZone()))
                .withSuppliedByTemplate(suppliedByTemplate(contract.type()));
        var printed = printedLibrary(contract);
        return printed.isEmpty() ? subject : subject.withClauses(ReviewSubject.withLibrary(subject.clauses(), printed));
    }

    /** The parts the active template of the type prints a default agreement for (see {@link ReviewSubject}). */
    java.util.Map<String, String> suppliedByTemplate(io.qiyue.contract.ContractType type) {
        return templates.suppliedDefaults(type);
    }

    private Evaluation evaluate(Contract contract, Instant now) {
        var subject = subject(contract, now);
        var engine = engines.current();
        var evaluation = engineTime.record(() -> engine.evaluate(subject));
        reviewsRun.increment();
        return evaluation;
    }

    /** The contract as JSON, with the library clauses its document prints under {@link ReviewSubject#LIBRARY}. */
    private JsonNode tree(Contract contract) {
        JsonNode tree = json.valueToTree(contract);
        var printed = printedLibrary(contract);
        if (!printed.isEmpty() && tree instanceof tools.jackson.databind.node.ObjectNode object) {
            object.set(ReviewSubject.LIBRARY.substring(1), json.valueToTree(printed));
        }
        return tree;
    }

    private List<String> printedLibrary(Contract contract) {
        return library.printedIn(contract, () -> customers.inFull(contract.customerId()).orElse(null),
                () -> contract.ourEntityId() == null ? null : ourEntities.find(contract.ourEntityId()).orElse(null));
    }

    /** The SHA-256 of the canonical JSON at a pointer (of a marker when nothing is there). */
    static String fingerprint(JsonNode tree, String path) {
        JsonNode value;
        try {
            value = tree.at(path);
        } catch (RuntimeException badPointer) {
            value = null;
        }
        String text = value == null || value.isMissingNode() ? "\u0000missing" : value.toString();
        return Hashes.sha256Hex(text);
    }

    StoredReview view(ReviewStore.Row row, Locale locale) {
        var review = engines.localise(row.evaluation(), locale);
        var accepted = acceptances.of(row.contractId());
        var findings = review.findings();
        if (!accepted.isEmpty()) {
            var raw = row.evaluation().findings(); // localise keeps their order
            var covered = new ArrayList<Finding>(findings.size());
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                RawFinding r = raw.get(i);
                covered.add(f.severity() != Severity.WARNING ? f : accepted.stream().filter(a -> a.covers(r))
                        .findFirst().map(a -> f.accepted(a.acceptance())).orElse(f));
            }
            findings = covered;
        }
        var authorities = new java.util.HashMap<String, AcceptanceAuthority>();
        findings = findings.stream().map(f -> f.severity() == Severity.WARNING
                ? f.acceptableBy(authorities.computeIfAbsent(f.ruleId(), policies::authority)) : f).toList();
        int open = (int) findings.stream().filter(Finding::blocking).count();
        return new StoredReview(row.contractId(), row.contractVersion(), review.rulesetVersion(),
                review.settingsRevision(), findings,
                review.blockers(), review.warnings(), review.infos(), open, review.errors(), row.reviewedAt(),
                row.reviewedBy());
    }
}

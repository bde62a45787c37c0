package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Hashes;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Money;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The obligations of signed contracts: generated once per contract, read by whoever may read the contract, moved
 * (done, waived, reopened) by whoever answers for them, with evidence files. Payments are settled by the
 * receivables ({@link #settle}), not by hand.
 */
@Service
public class Obligations {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String AUDIT_TYPE = "OBLIGATION";
    static final int MAX_NOTE = 4000;
    static final int MAX_REASON = 1000;
    static final long MAX_EVIDENCE_BYTES = 20L * 1024 * 1024;

    private final ObligationStore store;
    private final ReceivableStore receipts;
    private final Contracts contracts;
    private final io.qiyue.security.DataScopes scopes;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final Clock clock;

    Obligations(ObligationStore store, ReceivableStore receipts, Contracts contracts,
                io.qiyue.security.DataScopes scopes, ApplicationEventPublisher events, MessageSource messages,
                Clock clock) {
        this.store = store;
        this.receipts = receipts;
        this.contracts = contracts;
        this.scopes = scopes;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /** What one completion says. {@code completedOn}: the day it was done (today when null). */
    public record Completion(String note, LocalDate completedOn) {
    }

    /** An evidence file as uploaded; {@code shared}: the customer sees it on their performance page. */
    public record Upload(String fileName, String contentType, byte[] content, boolean shared) {
    }

    /**
     * The plan of a contract imported in a signed state, from the day its file says it was signed, else its start
     * date (today when it has neither).
     */
    void generateForImport(String contractId, String actor) {
        // the contract was created by this very transaction (it enters signed): read once, and no plan can exist yet
        var contract = contracts.internal(contractId);
        generateForImports(List.of(contract),
                java.util.Map.of(contractId, contracts.legacySignedOn(contract).orElseGet(this::today)), actor);
    }

    /**
     * The plans of many contracts just imported in a signed state (a file's), each from the day it was signed, with
     * a few statements for the lot. Qiyue did not follow what fell due before the import: a delivery or visit due
     * then enters done on its day ({@code BEFORE_IMPORT}, by the system; reopened if it was not), a duty over a period
     * that ended then as the daily scan closes one, and an instalment as the money the file says was received
     * settles it (Receivables).
     */
    void generateForImports(List<Contract> imported, java.util.Map<String, LocalDate> signingDays, String actor) {
        var plans = new java.util.ArrayList<ObligationStore.NewPlan>(imported.size());
        var obligations = new java.util.ArrayList<ObligationStore.NewObligation>();
        var changes = new java.util.ArrayList<EntityChanged>(imported.size());
        LocalDate today = today();
        for (Contract contract : imported) {
            LocalDate signingDay = signingDays.get(contract.id());
            var planned = ObligationPlanner.plan(contract, signingDay != null ? signingDay : today, signingDay);
            var now = clock.instant();
            plans.add(new ObligationStore.NewPlan(contract.id(), planned.size(), now, actor));
            for (int i = 0; i < planned.size(); i++) {
                var p = planned.get(i);
                boolean past = p.dueDate() != null && p.dueDate().isBefore(today)
                        && p.kind() != ObligationKind.PAYMENT;
                // nobody confirmed them: done by the system, as a duty whose period ended is (the daily scan's)
                var start = !past ? ObligationStore.Start.of(initialStatus(p, today))
                        : new ObligationStore.Start(ObligationStatus.DONE,
                        p.kind().overAPeriod() ? PERIOD_ENDED : BEFORE_IMPORT, p.dueDate(), SYSTEM);
                obligations.add(newObligation(contract, i + 1, p, start, now));
            }
            changes.add(new EntityChanged(AUDIT_TYPE, contract.id(), EntityChanged.Action.CREATE, actor, now,
                    List.of(new EntityChanged.Change("obligations", null, String.valueOf(planned.size())))));
        }
        store.insertPlans(plans);
        store.insertAll(obligations);
        events.publishEvent(new io.qiyue.shared.EntitiesChanged(changes));
    }

    /** Why an imported contract's delivery due before its import entered done (obligation.statusReason.*). */
    public static final String BEFORE_IMPORT = "BEFORE_IMPORT";
    /** Why a visit or delivery due before the contract was made is waived (obligation.statusReason.*). */
    static final String BEFORE_SIGNING = "BEFORE_SIGNING";
    /** Why a duty over a period is done: the period ended (the daily scan, or an import after its end). */
    static final String PERIOD_ENDED = "PERIOD_ENDED";
    private static final String SYSTEM = "system";

    /**
     * Generates the contract's obligations unless it has them: the plan's key makes a second call (the event
     * delivered again, an import re-run) a no-op. Returns how many were generated now.
     */
    @Transactional
    public int generate(String contractId, LocalDate signedOn, String actor) {
        if (store.planned(contractId)) {
            return 0;
        }
        return plan(contracts.internal(contractId), signedOn, actor);
    }

    private int plan(Contract contract, LocalDate signedOn, String actor) {
        String contractId = contract.id();
        // made on the day its records say when that is earlier (a paper signature dated back, the contract's own
        // 签订日期), else on the day it was signed here
        LocalDate made = contracts.signedOn(contract).filter(signedOn::isAfter).orElse(signedOn);
        var planned = ObligationPlanner.plan(contract, signedOn, made);
        var now = clock.instant();
        store.insertPlan(contractId, planned.size(), now, actor);
        LocalDate today = today();
        var obligations = new java.util.ArrayList<ObligationStore.NewObligation>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            var p = planned.get(i);
            // a visit or delivery of a term begun before the contract was made, due before it: not owed under a
            // contract that did not exist yet, so not chased as late on the day it is signed (outside tester: eleven
            // visits overdue at once); waived by the system, and reopened by whoever finds it was owed after all
            boolean beforeMade = p.kind() != ObligationKind.PAYMENT && !p.kind().overAPeriod() && p.dueDate() != null
                    && p.dueDate().isBefore(made);
            obligations.add(newObligation(contract, i + 1, p, beforeMade
                    ? new ObligationStore.Start(ObligationStatus.WAIVED, BEFORE_SIGNING, null, SYSTEM)
                    : ObligationStore.Start.of(initialStatus(p, today)), now));
        }
        store.insertAll(obligations);
        events.publishEvent(new EntityChanged(AUDIT_TYPE, contractId, EntityChanged.Action.CREATE, actor, now,
                List.of(new EntityChanged.Change("obligations", null, String.valueOf(planned.size())))));
        return planned.size();
    }

    /**
     * A contract signed after its start comes with what was already due: late, not pending. An instalment is never
     * due before the signature (the planner moves it to the signing day), so it is late only from the day after.
     */
    private static ObligationStatus initialStatus(ObligationPlanner.Planned p, LocalDate today) {
        return p.dueDate() != null && p.dueDate().isBefore(today) && !p.kind().overAPeriod()
                ? ObligationStatus.OVERDUE : ObligationStatus.PENDING;
    }

    private static ObligationStore.NewObligation newObligation(Contract contract, int seq,
                                                               ObligationPlanner.Planned p,
                                                               ObligationStore.Start start, java.time.Instant at) {
        String responsible = p.side() == ObligationSide.OURS ? contract.owner() : null;
        return new ObligationStore.NewObligation(contract.id(), seq, p, responsible, contract.owner(),
                contract.customerId(), start, at);
    }

    /** The contract's obligations, for whoever may read the contract (404 otherwise). */
    public List<Obligation> ofContract(String contractId) {
        contracts.get(contractId);
        return store.ofContract(contractId);
    }

    /**
     * Obligations across contracts: those of contracts the caller may read, and those the caller answers for.
     * {@code responsible = "me"} stands for the caller.
     */
    public io.qiyue.shared.PageResult<Obligation> list(ObligationQuery query, Integer page, Integer size, String sort) {
        var user = CurrentUsers.require();
        var paging = io.qiyue.shared.Paging.of(page, size, sort, ObligationStore.SORTABLE, "dueDate,asc");
        return store.page(forCaller(query, user), scopes.read(user), user.username(), paging);
    }

    /** The query with {@code responsible = "me"} standing for the caller. */
    static ObligationQuery forCaller(ObligationQuery query, io.qiyue.security.CurrentUser user) {
        return "me".equals(query.responsible()) ? new ObligationQuery(query.status(), query.kind(), query.side(),
                query.dueFrom(), query.dueTo(), query.owner(), user.username(), query.contractId()) : query;
    }

    /** One obligation, for whoever may read its contract. */
    public Obligation get(String id) {
        var o = store.find(id).orElseThrow(() -> notFound(id));
        if (contracts.findVisible(o.contractId()).isEmpty()) {
            throw notFound(id);
        }
        return o;
    }

    /** Whether the caller may mark this obligation done or waive it (what the page offers). */
    public boolean mayAnswer(Obligation o) {
        return mayAnswer(CurrentUsers.require(), o, () -> changesContract(o.contractId()));
    }

    private boolean mayAnswer(io.qiyue.security.CurrentUser user, Obligation o,
                              java.util.function.BooleanSupplier changesContract) {
        if (o.kind() == ObligationKind.PAYMENT) {
            return user.has(Role.ADMIN) || user.has(Role.FINANCE);
        }
        // the person responsible answers for it even outside the contract's write scope, as long as their role
        // works on contracts at all (a read-only or finance user named there does not gain a write)
        if (o.side() == ObligationSide.OURS && user.username().equals(o.responsible())
                && scopes.mayCreate(user, io.qiyue.security.ScopedResource.CONTRACT)) {
            return true;
        }
        return changesContract.getAsBoolean();
    }

    private boolean changesContract(String contractId) {
        return contracts.findVisible(contractId).map(contracts::mayChange).orElse(false);
    }

    /**
     * {@link #allowedActions} of each of one contract's obligations the caller may answer, none of the others, by
     * obligation id: what the contract's obligation page and list offer, with the contract, its receipts and its
     * termination read once for the list rather than for each row.
     */
    public Map<String, List<ObligationAction>> actionsOf(String contractId, List<Obligation> ofContract) {
        var user = CurrentUsers.require();
        var changes = new Memo<>(() -> changesContract(contractId));
        var paid = new Memo<>(() -> receipts.allocations(contractId).stream().collect(java.util.stream.Collectors
                .toMap(ReceivableStore.Allocated::obligationId, ReceivableStore.Allocated::amount, BigDecimal::add)));
        var terminated = new Memo<>(() -> terminationDate(contractId));
        var actions = new java.util.LinkedHashMap<String, List<ObligationAction>>();
        for (var o : ofContract) {
            if (!o.contractId().equals(contractId)) {
                throw new IllegalArgumentException("obligation " + o.id() + " is not of contract " + contractId);
            }
            boolean answers = mayAnswer(user, o, changes::get);
            actions.put(o.id(), !answers ? List.of() : allowedActions(o, mayRelease(user, o),
                    () -> o.kind() == ObligationKind.PAYMENT ? paid.get().getOrDefault(o.id(), BigDecimal.ZERO)
                            : BigDecimal.ZERO,
                    terminated::get));
        }
        return actions;
    }

    /** A value read on first use, at most once: a list's rows share what only some of them need. */
    private static final class Memo<T> {
        private final java.util.function.Supplier<T> read;
        private T value;
        private boolean known;

        Memo(java.util.function.Supplier<T> read) {
            this.read = read;
        }

        T get() {
            if (!known) {
                value = read.get();
                known = true;
            }
            return value;
        }
    }

    /**
     * Whether the user may release it ({@link #waive}): as {@link #mayAnswer}, but a duty of confidentiality or of
     * personal data (its sharing, its return or deletion) is a legal matter, released by legal or an admin only.
     */
    public boolean mayWaive(Obligation o) {
        return mayAnswer(o) && mayRelease(CurrentUsers.require(), o);
    }

    /** The part of {@link #mayWaive} beyond {@link #mayAnswer}: who may release a protective duty. */
    private static boolean mayRelease(io.qiyue.security.CurrentUser user, Obligation o) {
        return !PROTECTIVE.contains(o.kind()) || user.has(Role.LEGAL) || user.has(Role.ADMIN);
    }

    private static final java.util.Set<ObligationKind> PROTECTIVE = java.util.EnumSet.of(ObligationKind.CONFIDENTIALITY,
            ObligationKind.DATA_SHARING, ObligationKind.DATA_RETURN);

    /** Marks it done with a note and evidence files, all or nothing. */
    @Transactional
    public Obligation complete(String id, int expectedVersion, Completion completion, List<Upload> files) {
        var o = answerable(id, expectedVersion);
        if (o.kind() == ObligationKind.PAYMENT) {
            throw new ConflictException("qiyue.obligation.paid-by-receipts");
        }
        if (o.kind().overAPeriod()) {
            throw new ConflictException("qiyue.obligation.kept-to-its-end");
        }
        String note = Text.blankToNull(Text.input(completion.note()));
        LocalDate on = completion.completedOn() == null ? today() : completion.completedOn();
        var violations = new java.util.ArrayList<io.qiyue.shared.FieldViolation>();
        if (note != null && note.length() > MAX_NOTE) {
            violations.add(new io.qiyue.shared.FieldViolation("note", "qiyue.obligation.note-too-long", MAX_NOTE));
        }
        if (on.isAfter(today())) {
            violations.add(new io.qiyue.shared.FieldViolation("completedOn", "qiyue.obligation.completed-in-future"));
        } else {
            // no earlier than the contract's start or the day it was signed, whichever came first: work may begin
            // before the term on a contract signed early, or before signing on one signed late
            LocalDate start = contracts.internal(o.contractId()).startDate();
            LocalDate signed = LocalDate.ofInstant(o.createdAt(), CHINA);
            LocalDate earliest = start == null || signed.isBefore(start) ? signed : start;
            if (on.isBefore(earliest)) {
                violations.add(new io.qiyue.shared.FieldViolation("completedOn",
                        "qiyue.obligation.completed-before-start", earliest.toString()));
            }
        }
        if (!violations.isEmpty()) {
            // an obligation's note is what was done, not a contract's change note
            throw new InvalidInputException(violations).about("obligation");
        }
        o.status().next(ObligationAction.COMPLETE).orElseThrow(() -> refused(o, ObligationAction.COMPLETE));
        for (var file : files) {
            store(o, file);
        }
        return move(o, ObligationAction.COMPLETE, null, on, note, CurrentUsers.actorName());
    }

    @Transactional
    public Obligation waive(String id, int expectedVersion, String reason) {
        var o = answerable(id, expectedVersion);
        if (!mayWaive(o)) {
            throw new ForbiddenException("qiyue.obligation.waive-legal-only");
        }
        String why = Text.blankToNull(Text.input(reason));
        if (why == null) {
            throw new InvalidInputException("reason", "qiyue.obligation.reason-required");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "qiyue.obligation.reason-too-long", MAX_REASON);
        }
        var paid = paidInto(o);
        if (paid.signum() > 0) {
            // waived, it would leave the plan while its money still counted as received: the contract's figures
            // stopped adding up (outside tester). What is owed on it is settled by reversing or moving the receipt
            throw new ConflictException("qiyue.obligation.waive-paid-into", Money.written(paid));
        }
        return move(o, ObligationAction.WAIVE, why, null, o.note(), CurrentUsers.actorName());
    }

    /**
     * What a person may do with the obligation by hand, as the obligation page and the API offer it: the status's
     * moves without those the system makes (overdue, rescheduling), an instalment only waived or its waiver
     * withdrawn (receipts settle it), a duty over a period never completed (its period ends it), and no waiver or
     * reopening that {@link #waive} or {@link #reopen} would refuse.
     */
    public List<ObligationAction> allowedActions(Obligation o) {
        return allowedActions(o, mayWaive(o), () -> paidInto(o), () -> terminationDate(o.contractId()));
    }

    private static List<ObligationAction> allowedActions(Obligation o, boolean mayWaive,
                                                         java.util.function.Supplier<BigDecimal> paidInto,
                                                         java.util.function.Supplier<java.util.Optional<LocalDate>>
                                                                 terminated) {
        return o.status().allowedActions().stream()
                .filter(a -> a != ObligationAction.MARK_OVERDUE && a != ObligationAction.RESCHEDULE)
                .filter(a -> o.kind() != ObligationKind.PAYMENT || a == ObligationAction.WAIVE
                        || (a == ObligationAction.REOPEN && o.status() == ObligationStatus.WAIVED))
                .filter(a -> a != ObligationAction.COMPLETE || !o.kind().overAPeriod())
                .filter(a -> a != ObligationAction.WAIVE || mayWaive && paidInto.get().signum() == 0)
                .filter(a -> a != ObligationAction.REOPEN || endedWithTheContract(o, terminated).isEmpty())
                .toList();
    }

    /** What live receipts paid into an instalment; zero for any other obligation. */
    private java.math.BigDecimal paidInto(Obligation o) {
        return o.kind() == ObligationKind.PAYMENT ? receipts.paidInto(o.id()) : java.math.BigDecimal.ZERO;
    }

    /**
     * The termination day, when the obligation is a waived duty of ours falling after it: it ended with the
     * contract, and reopened it would be chased as overdue under a contract no longer in force. (A waived instalment
     * may be reopened: the customer may still owe it after a termination for their breach.)
     */
    private java.util.Optional<LocalDate> endedWithTheContract(Obligation o) {
        return endedWithTheContract(o, () -> terminationDate(o.contractId()));
    }

    private static java.util.Optional<LocalDate> endedWithTheContract(
            Obligation o, java.util.function.Supplier<java.util.Optional<LocalDate>> terminated) {
        if (o.status() != ObligationStatus.WAIVED || o.kind() == ObligationKind.PAYMENT || o.dueDate() == null) {
            return java.util.Optional.empty();
        }
        return terminated.get().filter(o.dueDate()::isAfter);
    }

    @Transactional
    public Obligation reopen(String id, int expectedVersion, String reason) {
        var o = answerable(id, expectedVersion);
        // a paid instalment reopens when its receipt is taken back; a waived one by withdrawing the waiver
        if (o.kind() == ObligationKind.PAYMENT && o.status() != ObligationStatus.WAIVED) {
            throw new ConflictException("qiyue.obligation.paid-by-receipts");
        }
        var endedWithTheContract = endedWithTheContract(o);
        if (endedWithTheContract.isPresent()) {
            throw new ConflictException("qiyue.obligation.ended-with-contract", endedWithTheContract.get().toString());
        }
        String why = Text.blankToNull(Text.input(reason));
        if (why == null) {
            throw new InvalidInputException("reason", "qiyue.obligation.reason-required");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "qiyue.obligation.reason-too-long", MAX_REASON);
        }
        var reopened = move(o, ObligationAction.REOPEN, why, null, o.note(), CurrentUsers.actorName());
        if (reopened.dueDate() != null && reopened.dueDate().isBefore(today()) && !reopened.kind().overAPeriod()) {
            return move(reopened, ObligationAction.MARK_OVERDUE, why, null, reopened.note(), CurrentUsers.actorName());
        }
        return reopened;
    }

    /** Adds a file that shows the obligation was kept (also after it was marked done). */
    @Transactional
    public Evidence addEvidence(String id, Upload file) {
        var o = get(id);
        if (!mayAnswer(o)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return store(o, file);
    }

    private Evidence store(Obligation o, Upload file) {
        byte[] content = file.content();
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "qiyue.obligation.evidence-empty");
        }
        if (content.length > MAX_EVIDENCE_BYTES) {
            throw new InvalidInputException("file", "qiyue.obligation.evidence-too-large", MAX_EVIDENCE_BYTES / 1024 / 1024);
        }
        String type = EvidenceTypes.detect(file.fileName(), file.contentType(), content)
                .orElseThrow(() -> new InvalidInputException("file", "qiyue.obligation.evidence-type"));
        String name = EvidenceTypes.safeName(file.fileName());
        var now = clock.instant();
        String evidenceId = Ids.newId();
        String sha256 = Hashes.sha256Hex(content);
        store.insertEvidence(evidenceId, o, name, type, content, sha256, file.shared(), now, CurrentUsers.actorName());
        events.publishEvent(new EntityChanged(AUDIT_TYPE, o.id(), EntityChanged.Action.UPDATE,
                CurrentUsers.actorName(), now, List.of(new EntityChanged.Change("evidence", null,
                name + " (SHA-256 " + sha256 + ")"))));
        return store.findEvidence(evidenceId).orElseThrow();
    }

    /** The evidence files of a contract's obligations, for whoever may read the contract. */
    public List<Evidence> evidence(String contractId) {
        contracts.get(contractId);
        return store.evidenceOfContract(contractId);
    }

    /** One evidence file and its bytes, for whoever may read its contract. */
    public Map.Entry<Evidence, byte[]> evidenceFile(String evidenceId) {
        var evidence = store.findEvidence(evidenceId)
                .filter(e -> contracts.findVisible(e.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "evidence", evidenceId));
        return Map.entry(evidence, store.evidenceContent(evidenceId));
    }

    // --- for the rest of this module (receivables, evaluations, reminders), without a user's checks ---

    /** A contract's obligations as they are, outside any data scope. */
    List<Obligation> internalOfContract(String contractId) {
        return store.ofContract(contractId);
    }

    Obligation internal(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** The evidence shared with the customer (the customer's performance page). */
    List<Evidence> sharedEvidence(String contractId) {
        return store.evidenceOfContract(contractId).stream().filter(Evidence::sharedWithCustomer).toList();
    }

    byte[] evidenceContent(String evidenceId) {
        return store.evidenceContent(evidenceId);
    }

    /** A payment is paid in full (by the receivables), on the day its last receipt came in. */
    void settle(String id, LocalDate paidOn, String actor) {
        var o = internal(id);
        if (o.status().open()) {
            move(o, ObligationAction.COMPLETE, null, paidOn, o.note(), actor);
        }
    }

    /**
     * A payment still paid in full, by other receipts than before (one of them was taken back and the rest spread
     * again): done on the day the last of them came in.
     */
    void resettle(String id, LocalDate paidOn, String actor) {
        var o = internal(id);
        if (o.status() != ObligationStatus.DONE || paidOn == null || paidOn.equals(o.completedOn())) {
            return;
        }
        Instant now = clock.instant();
        if (!store.changeCompletedOn(id, o.version(), paidOn, now)) {
            throw new PreconditionFailedException("qiyue.problem.stale", o.version());
        }
        events.publishEvent(new EntityChanged(AUDIT_TYPE, id, EntityChanged.Action.UPDATE, actor, now,
                List.of(new EntityChanged.Change("completedOn", String.valueOf(o.completedOn()), paidOn.toString()))));
    }

    /** A late instalment given a due date that has not come (or a trigger instead): no longer late. */
    void rescheduled(String id, String actor) {
        var o = internal(id);
        if (o.status() == ObligationStatus.OVERDUE && (o.dueDate() == null || !o.dueDate().isBefore(today()))) {
            move(o, ObligationAction.RESCHEDULE, null, null, o.note(), actor);
        }
    }

    /** A payment is no longer paid in full (a receipt was taken back). */
    void unsettle(String id, String reason, String actor) {
        var o = internal(id);
        if (o.status() == ObligationStatus.DONE) {
            var reopened = move(o, ObligationAction.REOPEN, reason, null, o.note(), actor);
            if (reopened.dueDate() != null && reopened.dueDate().isBefore(today())) {
                move(reopened, ObligationAction.MARK_OVERDUE, null, null, reopened.note(), actor);
            }
        }
    }

    /** The daily scan's two statements; the result: how many became late, how many duties ended kept. */
    public record Scan(int overdue, int periodsEnded) {
    }

    Scan scan(LocalDate today) {
        var now = clock.instant();
        return new Scan(store.markOverdue(today, now), store.completeEndedPeriods(today, now));
    }

    /**
     * The contract ended early on {@code endedOn}: what we would still have delivered after that day lapses
     * (waived), so do the customer's instalments falling due after it that nothing was paid into, and the duties
     * that outlive the contract now run from that day.
     */
    @Transactional
    public void contractEnded(String contractId, LocalDate endedOn, String reason, String actor) {
        Contract contract = contracts.internal(contractId);
        var now = clock.instant();
        java.util.Set<String> paidInto = null;
        for (var o : store.ofContract(contractId)) {
            if (!o.status().open()) {
                continue;
            }
            if (o.kind().confirmedByTheCustomer() && o.dueDate() != null && o.dueDate().isAfter(endedOn)) {
                move(o, ObligationAction.WAIVE, reason, null, o.note(), actor);
            } else if (o.kind() == ObligationKind.PAYMENT && o.dueDate() != null && o.dueDate().isAfter(endedOn)) {
                // the price of a term that no longer runs (a renewal cancelled before it began owed everything) is
                // not chased as overdue; one already paid into is left to finance to settle, and a waiver can be
                // reopened where the customer still owes it (a termination for the customer's breach)
                if (paidInto == null) {
                    paidInto = receipts.allocations(contractId).stream().map(ReceivableStore.Allocated::obligationId)
                            .collect(java.util.stream.Collectors.toSet());
                }
                if (!paidInto.contains(o.id())) {
                    move(o, ObligationAction.WAIVE, reason, null, o.note(), actor);
                }
            } else if ((o.kind().overAPeriod() || o.kind() == ObligationKind.DATA_RETURN) && o.dueDate() != null
                    && contract.endDate() != null && !o.dueDate().isBefore(contract.endDate())) {
                // a duty that outlives the contract (N years after it, a return 30 days after that) runs from the day
                // it ended instead, by the same years, months and days
                LocalDate due = endedOn.plus(java.time.Period.between(contract.endDate(), o.dueDate()));
                LocalDate starts = o.startsOn() == null || o.startsOn().isBefore(contract.endDate()) ? o.startsOn()
                        : endedOn.plus(java.time.Period.between(contract.endDate(), o.startsOn()));
                if (o.kind().overAPeriod()) {
                    starts = notAfter(starts, endedOn);
                }
                if (!due.equals(o.dueDate()) || !java.util.Objects.equals(starts, o.startsOn())) {
                    store.changeDue(o.id(), starts, due, o.dueTrigger(), now);
                }
            } else if (o.kind().overAPeriod() && o.startsOn() != null && o.startsOn().isAfter(endedOn)) {
                // ended before its term began (an outside tester terminated one signed for next year): the duty that
                // survives it runs from the end, not from a start that never came
                store.changeDue(o.id(), endedOn, o.dueDate(), o.dueTrigger(), now);
            }
        }
    }

    private static LocalDate notAfter(LocalDate day, LocalDate last) {
        return day != null && day.isAfter(last) ? last : day;
    }

    /** The day the contract was terminated on, as the termination gave it (outside any data scope). */
    java.util.Optional<LocalDate> terminationDate(String contractId) {
        return contracts.internalTerminationDate(contractId);
    }

    /**
     * A contract renewed itself for another term ({@code from} … {@code to}): the term's deliveries and visits are
     * planned for it as for the first (numbered on), the instalments too when the first term was a year or less (the
     * same schedule a year on; a longer term's renewal year has no schedule to repeat, its fees are planned by hand
     * on the receivables page), and the duties that run to the end of the term or past it (confidentiality, the
     * sharing period, returning the data) are moved to the new end.
     */
    void termRenewed(String contractId, LocalDate previousEnd, LocalDate from, LocalDate to, int renewals,
                     String actor) {
        if (!store.planned(contractId)) {
            return;
        }
        Contract contract = contracts.internal(contractId);
        var existing = store.ofContract(contractId);
        Instant now = clock.instant();
        LocalDate made = contracts.signedOn(contract).orElse(contract.startDate());
        followTheEnd(contract, existing, made, now);
        // the first term's length decides, whichever renewal this is (outside tester: the second year had none)
        LocalDate firstEnd = to.minusYears(Math.max(1, renewals));
        boolean annual = contract.startDate() != null
                && !contract.startDate().plusYears(1).minusDays(1).isBefore(firstEnd);
        var terms = contract.terms() == null ? io.qiyue.contract.ContractTerms.EMPTY : contract.terms();
        var period = new Contract(contract.id(), contract.number(), contract.type(), contract.title(),
                contract.customerId(), contract.customerName(), contract.ourEntityId(), contract.owner(),
                contract.amount(), from, to, contract.autoRenew(), contract.renewalNoticeDays(), contract.status(),
                terms.renewedBy(java.time.Period.between(contract.startDate() == null ? from : contract.startDate(),
                        from)), contract.version(), contract.createdAt(), contract.createdBy(), contract.updatedAt());
        // a renewal caught up at signing (a term begun years before) dates nothing before the day it was made, as
        // the first term's plan does not
        LocalDate payableFrom = made != null && made.isAfter(from) ? made : from;
        var next = ObligationPlanner.plan(period, from, payableFrom).stream()
                .filter(p -> !MOVED_WITH_THE_END.contains(p.kind()))
                .filter(p -> annual || p.kind() != ObligationKind.PAYMENT)
                .toList();
        int seq = existing.stream().mapToInt(Obligation::seq).max().orElse(0);
        LocalDate today = today();
        var rows = new java.util.ArrayList<ObligationStore.NewObligation>(next.size());
        // numbered on from the terms before: the year's first visit is the contract's n-th (outside tester: every
        // year began again at 第1次)
        int visitsBefore = (int) existing.stream().filter(o -> o.kind() == ObligationKind.MAINTENANCE_VISIT
                && VISIT_TITLE.matcher(o.title()).matches()).count();
        int instalmentsBefore = (int) existing.stream().filter(o -> o.kind() == ObligationKind.PAYMENT).count();
        next = next.stream().map(p -> numberedOn(p, visitsBefore, instalmentsBefore)).toList();
        for (var p : next) {
            boolean beforeMade = p.kind() != ObligationKind.PAYMENT && !p.kind().overAPeriod() && p.dueDate() != null
                    && p.dueDate().isBefore(payableFrom);
            rows.add(newObligation(contract, ++seq, p, beforeMade
                    ? new ObligationStore.Start(ObligationStatus.WAIVED, BEFORE_SIGNING, null, SYSTEM)
                    : ObligationStore.Start.of(initialStatus(p, today)), now));
        }
        store.insertAll(rows);
        events.publishEvent(new EntityChanged(AUDIT_TYPE, contractId, EntityChanged.Action.UPDATE, actor, now,
                List.of(new EntityChanged.Change("obligations", String.valueOf(existing.size()),
                        String.valueOf(existing.size() + rows.size())),
                        new EntityChanged.Change("term", previousEnd.toString(), to.toString()))));
    }

    private static final java.util.regex.Pattern VISIT_TITLE = java.util.regex.Pattern.compile("第(\\d+)次定期回访与维护");
    private static final java.util.regex.Pattern INSTALMENT_TITLE = java.util.regex.Pattern.compile("第(\\d+)期款项");

    /** A renewal year's planned visit or instalment under its number in the whole contract. */
    private static ObligationPlanner.Planned numberedOn(ObligationPlanner.Planned p, int visitsBefore,
                                                        int instalmentsBefore) {
        var visit = VISIT_TITLE.matcher(p.title());
        var instalment = INSTALMENT_TITLE.matcher(p.title());
        String title = p.kind() == ObligationKind.MAINTENANCE_VISIT && visit.matches()
                ? "第" + (Integer.parseInt(visit.group(1)) + visitsBefore) + "次定期回访与维护"
                : p.kind() == ObligationKind.PAYMENT && instalment.matches()
                ? "第" + (Integer.parseInt(instalment.group(1)) + instalmentsBefore) + "期款项" : p.title();
        return title.equals(p.title()) ? p : new ObligationPlanner.Planned(p.kind(), p.side(), title, p.description(),
                p.startsOn(), p.dueDate(), p.dueTrigger(), p.amount());
    }

    /**
     * The open duties dated from the contract's end (confidentiality N years after it, the sharing period, returning
     * the data) dated again from the end it has now: planned again for the whole contract as it stands, and matched
     * by kind and side.
     */
    private void followTheEnd(Contract contract, List<Obligation> existing, LocalDate made, Instant now) {
        var whole = ObligationPlanner.plan(contract, made == null ? today() : made, null);
        for (var o : existing) {
            if (!MOVED_WITH_THE_END.contains(o.kind()) || o.status() == ObligationStatus.DONE
                    || o.status() == ObligationStatus.WAIVED || o.dueDate() == null) {
                continue;
            }
            whole.stream().filter(p -> p.kind() == o.kind() && p.side() == o.side() && p.dueDate() != null)
                    .findFirst().filter(p -> !p.dueDate().equals(o.dueDate()))
                    .ifPresent(p -> store.changeDue(o.id(), o.kind().overAPeriod() ? o.startsOn() : p.startsOn(),
                            p.dueDate(), o.dueTrigger(), now));
        }
    }

    private static final java.util.Set<ObligationKind> MOVED_WITH_THE_END = java.util.EnumSet.of(
            ObligationKind.CONFIDENTIALITY, ObligationKind.DATA_SHARING, ObligationKind.DATA_RETURN);

    /** The contract's owner or customer changed: the copies here follow. */
    void contractChanged(Contract contract) {
        Instant now = clock.instant();
        store.followContract(contract.id(), contract.owner(), contract.customerId(), now);
        // a legacy contract's dates corrected by a file: what runs from its end follows (outside tester: an NDA's
        // confidentiality kept the old end's date); a terminated one's runs from its termination instead
        if (store.planned(contract.id()) && contract.status() != io.qiyue.contract.ContractStatus.TERMINATED) {
            followTheEnd(contract, store.ofContract(contract.id()), contracts.signedOn(contract)
                    .orElse(contract.startDate()), now);
        }
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private Obligation answerable(String id, int expectedVersion) {
        var o = get(id);
        if (!mayAnswer(o)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        if (o.version() != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", o.version());
        }
        return o;
    }

    private Obligation move(Obligation before, ObligationAction action, String reason, LocalDate completedOn,
                            String note, String actor) {
        var to = before.status().next(action).orElseThrow(() -> refused(before, action));
        Instant now = clock.instant();
        if (!store.move(before, to, reason, completedOn, actor, note, now)) {
            throw new PreconditionFailedException("qiyue.problem.stale", before.version());
        }
        var after = store.find(before.id()).orElseThrow();
        events.publishEvent(new EntityChanged(AUDIT_TYPE, before.id(), EntityChanged.Action.UPDATE, actor, now,
                List.of(new EntityChanged.Change("status", before.status().name(), to.name()))));
        if (to == ObligationStatus.DONE) {
            events.publishEvent(new ObligationCompleted(after.id(), after.contractId(), after.kind(), after.side(),
                    after.title(), actor, now));
        }
        return after;
    }

    private ConflictException refused(Obligation o, ObligationAction action) {
        var locale = LocaleContextHolder.getLocale();
        String state = messages.getMessage("enum.ObligationStatus." + o.status().name(), null, o.status().name(), locale);
        String asked = messages.getMessage("enum.ObligationAction." + action.name(), null, action.name(), locale);
        return new ConflictException(Map.of("obligationStatus", o.status().name(),
                "allowedActions", (mayAnswer(o) ? allowedActions(o) : List.<ObligationAction>of()).stream()
                        .map(Enum::name).toList()),
                "qiyue.obligation.action-not-allowed", state, asked);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("qiyue.problem.not-found", "obligation", id);
    }
}

package io.qiyue.obligation;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.Terms;
import io.qiyue.customer.Customers;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.Role;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Money;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Receivables (回款): receipts allocated to the payment instalments, invoices beside them, the contract's
 * outstanding and overdue amounts with the late-payment damages of its breach clause, and the ageing report.
 *
 * <p>Reads: whoever may read the contract. Writes (receipts, reversals, invoices, plan changes): FINANCE and ADMIN.
 * Every write of a contract runs in one transaction that first locks the contract's {@code receivable_account}
 * row, then reads what is outstanding and checks against it: two requests at once queue on the lock, so a receipt
 * never over-allocates, an instalment is never paid twice and the plan never exceeds the contract amount, on every
 * database. A refused write leaves nothing behind (the transaction rolls back).
 */
@Service
public class Receivables {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Receivables.class);
    static final String RECEIPT = "RECEIPT";
    static final String INVOICE = "INVOICE";
    /** What the fields of a receipt, an invoice and an instalment are about, for their labels (field.receipt.amount). */
    private static final String RECEIPT_FIELDS = "receipt";
    private static final String INVOICE_FIELDS = "invoice";
    private static final String INSTALMENT_FIELDS = "instalment";
    static final int MAX_REFERENCE = 200;
    static final int MAX_NOTE = 1000;
    static final int MAX_INVOICE_NUMBER = 64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_INTEGER_DIGITS = 15;

    private final ReceivableStore store;
    private final ObligationStore obligationStore;
    private final Obligations obligations;
    private final Contracts contracts;
    private final Customers customers;
    private final UserAdministration users;
    private final DataScopes scopes;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate ownTx;
    private final ObligationTitles titles;

    Receivables(ReceivableStore store, ObligationStore obligationStore, Obligations obligations, Contracts contracts,
                Customers customers, UserAdministration users, DataScopes scopes, ApplicationEventPublisher events,
                MessageSource messages, Clock clock, PlatformTransactionManager transactions, ObligationTitles titles) {
        this.store = store;
        this.titles = titles;
        this.obligationStore = obligationStore;
        this.obligations = obligations;
        this.contracts = contracts;
        this.customers = customers;
        this.users = users;
        this.scopes = scopes;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.ownTx = new TransactionTemplate(transactions);
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A receipt as entered; without {@code allocations} it pays the oldest due instalments first. */
    public record ReceiptInput(LocalDate receivedOn, Money amount, Terms.PaymentMethod method, String reference,
                               String note, List<AllocationInput> allocations) {
    }

    public record AllocationInput(String obligationId, Money amount) {
    }

    /** An invoice as entered: {@code amount} includes tax; {@code obligationId} optional. */
    public record InvoiceInput(String number, LocalDate issuedOn, Money amount, BigDecimal taxRatePercent,
                               String obligationId, String note) {
    }

    /** An instalment of the plan as entered (added, or changed: split one by lowering it and adding another). */
    public record InstalmentInput(String title, LocalDate dueDate, Money amount, String description) {
    }

    // --- reads ---

    /** Whether the caller may record receipts and invoices and change plans (what the pages offer). */
    public boolean mayWrite() {
        var user = CurrentUsers.require();
        return user.has(Role.ADMIN) || user.has(Role.FINANCE);
    }

    public ContractReceivables summary(String contractId, LocalDate asOf) {
        Contract contract = contracts.get(contractId);
        LocalDate today = obligations.today();
        LocalDate on = asOf == null ? today : asOf;
        // another day than today: every figure as it stood then, the statuses too (outside tester: the status was
        // today's, a receipt since made one DONE that was late on the day asked for)
        boolean anotherDay = !on.equals(today);
        var instalments = payments(contractId);
        // as of a past day: what had been received and invoiced by then
        var allAllocations = store.allocations(contractId);
        var allocations = allAllocations.stream().filter(a -> !a.receivedOn().isAfter(on)).toList();
        var paidEver = new HashMap<String, BigDecimal>();
        allAllocations.forEach(a -> paidEver.merge(a.obligationId(), a.amount(), BigDecimal::add));
        var receipts = store.receipts(contractId).stream().filter(r -> !r.receivedOn().isAfter(on)).toList();
        var invoices = store.invoices(contractId).stream().filter(i -> !i.issuedOn().isAfter(on)).toList();
        var receivedOn = new HashMap<String, LocalDate>();
        receipts.forEach(r -> receivedOn.put(r.id(), r.receivedOn()));

        BigDecimal planned = zero();
        BigDecimal waived = zero();
        BigDecimal received = zero();
        BigDecimal outstanding = zero();
        BigDecimal overdue = zero();
        var views = new ArrayList<ContractReceivables.Instalment>();
        var forDamages = new ArrayList<LateDamages.Instalment>();
        LocalDate signed = signedOn(contract).orElse(null);
        for (var o : instalments) {
            // an instalment dated before the signature fell due with it: the customer could not be late under a
            // contract not yet made, nor pay into it before (a receipt is not dated before the signing day). The
            // planner stores such an instalment on the signing day; this covers those planned before it did
            LocalDate due = o.dueDate() != null && signed != null && signed.isAfter(o.dueDate()) ? signed : o.dueDate();
            BigDecimal amount = o.amount().scaled();
            var mine = allocations.stream().filter(a -> a.obligationId().equals(o.id())).toList();
            BigDecimal paid = mine.stream().map(ReceivableStore.Allocated::amount).reduce(zero(), BigDecimal::add);
            var payments = new ArrayList<LateDamages.Payment>();
            mine.forEach(a -> payments.add(new LateDamages.Payment(a.receivedOn(), a.amount())));
            BigDecimal owed = owedOn(o, paid, paidEver.getOrDefault(o.id(), zero()), on);
            if (o.status() == ObligationStatus.DONE && owed.signum() == 0 && paid.compareTo(amount) < 0
                    && o.completedOn() != null) {
                payments.add(new LateDamages.Payment(o.completedOn(), amount.subtract(paid)));
            }
            if (o.status() != ObligationStatus.WAIVED) {
                planned = planned.add(amount);
                forDamages.add(new LateDamages.Instalment(o.id(), due, amount, payments));
            } else {
                waived = waived.add(amount);
            }
            received = received.add(paid);
            outstanding = outstanding.add(owed);
            long late = due == null || owed.signum() == 0 ? 0 : Math.max(0, ChronoUnit.DAYS.between(due, on));
            if (late > 0) {
                overdue = overdue.add(owed);
            }
            views.add(new ContractReceivables.Instalment(o.id(), o.seq(), o.title(), titles.of(o.title()),
                    o.description(), o.dueDate(),
                    o.dueTrigger(), o.amount(), Money.cny(paid), Money.cny(owed), late,
                    anotherDay ? StatusOn.of(o.status(), owed, due, on) : o.status(), o.version(),
                    mine.stream().map(a -> new ContractReceivables.ReceiptRef(a.receiptId(), a.receivedOn(),
                            Money.cny(a.amount()))).toList(),
                    invoices.stream().filter(i -> o.id().equals(i.obligationId()))
                            .map(i -> new ContractReceivables.InvoiceRef(i.id(), i.number(), i.issuedOn(), i.amount()))
                            .toList()));
        }
        var clause = contract.terms() == null || contract.terms().breach() == null ? null
                : contract.terms().breach().liquidatedDamages();
        BigDecimal amount = amountInForce(contract);
        // a share of the amount is of the amount signed, whatever the terms it renewed itself for since (outside
        // tester: 10% of three years' amounts)
        var damages = LateDamages.compute(clause, forDamages, on,
                contract.amount() == null ? null : contract.amount().scaled());
        BigDecimal invoiced = invoices.stream().map(i -> i.amount().scaled()).reduce(zero(), BigDecimal::add);
        // before signing there is no plan to compare (outside tester: a draft's plan was said to be short of its
        // amount, where the page says the plan is made at signing)
        boolean unsigned = contract.status().beforeSigning();
        return new ContractReceivables(contractId, on, amount == null ? null : Money.cny(amount), Money.cny(planned),
                !unsigned && amount != null && planned.compareTo(amount) > 0,
                // what was waived left the plan on purpose, with a reason; an instalment cut, or none planned, did not
                // (outside tester: a plan a fen short of the signed amount was told nowhere)
                !unsigned && amount != null && planned.add(waived).compareTo(amount) < 0, unsigned,
                Money.cny(received), Money.cny(outstanding),
                Money.cny(overdue), percent(received, amount),
                new ContractReceivables.Damages(damages.basis(), damages.value(), Money.cny(damages.damages()),
                        damages.lines().stream().map(l -> new ContractReceivables.DamagesLine(l.obligationId(),
                                Money.cny(l.lateAmount()), Money.cny(l.unpaidLate()), l.yuanDays(),
                                Money.cny(l.damages()))).toList()),
                List.copyOf(views), receipts, invoices, Money.cny(invoiced));
    }

    public List<Receipt> receipts(String contractId) {
        contracts.get(contractId);
        return store.receipts(contractId);
    }

    public Receipt receipt(String receiptId) {
        var receipt = store.findReceipt(receiptId)
                .filter(r -> contracts.findVisible(r.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "receipt", receiptId));
        return receipt;
    }

    public List<Invoice> invoices(String contractId) {
        contracts.get(contractId);
        return store.invoices(contractId);
    }

    public Invoice invoice(String invoiceId) {
        return store.findInvoice(invoiceId)
                .filter(i -> contracts.findVisible(i.contractId()).isPresent())
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "invoice", invoiceId));
    }

    /** 回款 % of the listed contracts that have an amount (received ÷ amount), for the contract list. */
    public Map<String, BigDecimal> percentReceived(Map<String, BigDecimal> amountsById) {
        var received = store.receivedOf(amountsById.keySet());
        var out = new HashMap<String, BigDecimal>();
        amountsById.forEach((id, amount) -> {
            var p = percent(received.getOrDefault(id, BigDecimal.ZERO), amount);
            if (p != null) {
                out.put(id, p);
            }
        });
        return out;
    }

    /** The contracts within the caller's read scope that still owe money on their plan. */
    public Set<String> notFullyPaid() {
        return store.notFullyPaid(scopes.read(CurrentUsers.require()));
    }

    // --- receipts ---

    /**
     * Records money received. It cannot be dated before the contract was signed ({@link #signedOn}): paid
     * ahead of the term's start is an ordinary prepayment, but before the signing there was no contract to pay under.
     */
    public Receipt record(String contractId, ReceiptInput input) {
        return record(contractId, input, true);
    }

    private Receipt record(String contractId, ReceiptInput input, boolean afterSigning) {
        Contract contract = writable(contractId);
        var violations = new ArrayList<FieldViolation>();
        if (input == null) {
            throw new InvalidInputException("amount", "qiyue.validation.required").about(RECEIPT_FIELDS);
        }
        positive(input.amount(), "amount", violations);
        LocalDate today = obligations.today();
        if (input.receivedOn() == null) {
            violations.add(new FieldViolation("receivedOn", "qiyue.validation.required"));
        } else if (input.receivedOn().isAfter(today)) {
            violations.add(new FieldViolation("receivedOn", "qiyue.receivable.received-in-future"));
        } else if (afterSigning) {
            signedOn(contract).filter(input.receivedOn()::isBefore).ifPresent(signed -> violations.add(
                    new FieldViolation("receivedOn", "qiyue.receivable.received-before-signing", signed)));
        }
        if (input.method() == null) {
            violations.add(new FieldViolation("method", "qiyue.validation.required"));
        }
        String reference = Text.blankToNull(Text.input(input.reference()));
        String note = Text.blankToNull(Text.input(input.note()));
        if (reference != null && reference.length() > MAX_REFERENCE) {
            violations.add(new FieldViolation("reference", "qiyue.receivable.too-long", MAX_REFERENCE));
        }
        if (note != null && note.length() > MAX_NOTE) {
            violations.add(new FieldViolation("note", "qiyue.receivable.too-long", MAX_NOTE));
        }
        var wanted = input.allocations();
        if (wanted != null) {
            if (wanted.isEmpty()) {
                violations.add(new FieldViolation("allocations", "qiyue.receivable.allocations-empty"));
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < wanted.size(); i++) {
                var a = wanted.get(i);
                if (a == null || Text.isBlank(a.obligationId())) {
                    violations.add(new FieldViolation("allocations[" + i + "].obligationId", "qiyue.validation.required"));
                } else if (!seen.add(a.obligationId())) {
                    violations.add(new FieldViolation("allocations[" + i + "].obligationId",
                            "qiyue.receivable.allocation-twice"));
                }
                positive(a == null ? null : a.amount(), "allocations[" + i + "].amount", violations);
            }
            if (violations.isEmpty()) {
                BigDecimal sum = wanted.stream().map(a -> a.amount().scaled()).reduce(zero(), BigDecimal::add);
                if (sum.compareTo(input.amount().scaled()) != 0) {
                    violations.add(new FieldViolation("allocations", "qiyue.receivable.allocations-sum",
                            Money.written(sum), Money.written(input.amount().scaled())));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations).about(RECEIPT_FIELDS);
        }
        // a draft owes nothing yet: said so, rather than "more than the 0.00 outstanding"
        if (afterSigning && !obligationStore.planned(contractId)) {
            throw conflict("contractId", "qiyue.receivable.not-signed");
        }
        String actor = CurrentUsers.actorName();
        ensureAccount(contractId);
        String id = Ids.newId();
        return tx.execute(status -> {
            store.lock(contractId);
            var open = open(contractId);
            var plan = payments(contractId);
            BigDecimal amount = input.amount().scaled();
            Instant now = clock.instant();
            List<Allocation.Part> parts;
            // the other receipts Qiyue spread that this one, paid earlier, takes instalments from
            Map<String, List<Allocation.Part>> moved = Map.of();
            if (wanted == null) {
                BigDecimal outstanding = Allocation.outstanding(new ArrayList<>(open.values()));
                if (amount.compareTo(outstanding) > 0) {
                    throw conflict("amount", "qiyue.receivable.exceeds-outstanding", Money.written(amount),
                            Money.written(outstanding));
                }
                // paid before receipts already spread: it pays what was due first on its day, and they move on to
                // what follows (民法典第560条), as if it had been recorded in its turn
                var paidBefore = new HashMap<String, BigDecimal>();
                store.allocations(contractId).forEach(a -> paidBefore.merge(a.obligationId(), a.amount(),
                        BigDecimal::add));
                var respread = spreadAgain(contractId, plan, paidBefore,
                        new Allocation.Spread(id, input.receivedOn(), now, amount, true, List.of()));
                if (respread.isPresent() && respread.get().containsKey(id)) {
                    parts = respread.get().get(id);
                    moved = respread.get();
                } else {
                    parts = Allocation.oldestFirst(new ArrayList<>(open.values()), amount);
                }
            } else {
                parts = new ArrayList<>();
                var planIds = new HashSet<String>();
                payments(contractId).forEach(o -> planIds.add(o.id()));
                for (int i = 0; i < wanted.size(); i++) {
                    var a = wanted.get(i);
                    if (!planIds.contains(a.obligationId())) {
                        throw new InvalidInputException("allocations[" + i + "].obligationId",
                                "qiyue.receivable.not-an-instalment");
                    }
                    var o = open.get(a.obligationId());
                    BigDecimal left = o == null ? zero() : o.outstanding();
                    if (a.amount().scaled().compareTo(left) > 0) {
                        throw conflict("allocations[" + i + "].amount", "qiyue.receivable.exceeds-instalment",
                                Money.written(a.amount().scaled()), Money.written(left));
                    }
                    parts.add(new Allocation.Part(a.obligationId(), a.amount().scaled()));
                }
            }
            var touched = new java.util.LinkedHashSet<String>();
            if (!moved.isEmpty()) {
                touched.addAll(rewrite(contractId, plan, moved, new EntityChanged.Change("reallocatedForEarlierPayment",
                        null, input.receivedOn().toString()), actor, now));
            }
            store.insertReceipt(id, contractId, input.receivedOn(), amount, input.method(), reference, note,
                    wanted == null, now, actor);
            for (var part : parts) {
                store.insertAllocation(id, part.obligationId(), contractId, part.amount());
                touched.add(part.obligationId());
            }
            store.setReceived(contractId, receivedTotal(contractId), now);
            settleAsPaid(contractId, plan, touched, null, actor);
            events.publishEvent(new EntityChanged(RECEIPT, id, EntityChanged.Action.CREATE, actor, now, List.of(
                    new EntityChanged.Change("contractId", null, contractId),
                    new EntityChanged.Change("amount", null, amount.toPlainString()),
                    new EntityChanged.Change("receivedOn", null, input.receivedOn().toString()),
                    new EntityChanged.Change("allocations", null,
                            allocationsForAudit(parts, instalmentsForAudit(plan))))));
            return store.findReceipt(id).orElseThrow();
        });
    }

    /** {@link Contracts#signedOn}; empty when no record knows, and then a receipt is not checked against it. */
    private Optional<LocalDate> signedOn(Contract contract) {
        return contracts.signedOn(contract);
    }

    /** The reference of the receipts an import records for what was paid before it ({@link #recordBeforeImport}). */
    public static final String BEFORE_IMPORT = "导入前已收";

    /**
     * What a legacy contract's import file says its customer had paid before it came to Qiyue ({@code amount}, the
     * latest payment on {@code lastPaidOn}), recorded in the import's transaction as receipts over the instalments
     * oldest first, one receipt per instalment. The latest of them is the payment the file dates: it is dated
     * {@code lastPaidOn}, also when that is after its instalment was due (a late payment is what the file says).
     * When the earlier instalments were paid the file does not say, so each is taken as paid when due — no
     * late-payment damages are made up, and the collections fall in the months they were due — but not after the
     * latest payment: dated the earlier of the two. The contract is as
     * new as the import's transaction, so its lock row is made there too (a transaction of its own, as
     * {@link #record} makes it, would wait on the uncommitted contract).
     */
    public List<Receipt> recordBeforeImport(String contractId, LocalDate lastPaidOn, Money amount,
                                            Terms.PaymentMethod method, String note) {
        if (!store.hasAccount(contractId)) {
            store.insertAccount(contractId, clock.instant());
        }
        var open = open(contractId);
        BigDecimal outstanding = Allocation.outstanding(new ArrayList<>(open.values()));
        if (amount.scaled().signum() <= 0 || amount.scaled().compareTo(outstanding) > 0) {
            throw conflict("amount", "qiyue.receivable.exceeds-outstanding", Money.written(amount.scaled()),
                    Money.written(outstanding));
        }
        var receipts = new ArrayList<Receipt>();
        var parts = Allocation.oldestFirst(new ArrayList<>(open.values()), amount.scaled());
        for (var part : parts) {
            LocalDate due = open.get(part.obligationId()).dueDate();
            boolean latest = part == parts.getLast();
            LocalDate paidOn = !latest && due != null && due.isBefore(lastPaidOn) ? due : lastPaidOn;
            // not checked against the signing: a legacy file's payments are its record of the past, kept as it says
            receipts.add(record(contractId, new ReceiptInput(paidOn, Money.cny(part.amount()), method, BEFORE_IMPORT,
                    note, List.of(new AllocationInput(part.obligationId(), Money.cny(part.amount())))), false));
        }
        return receipts;
    }

    /** The day of the latest payment an import recorded for the time before it ({@link #recordBeforeImport}). */
    public java.util.Optional<LocalDate> lastReceivedBeforeImport(String contractId) {
        writable(contractId);
        return store.receipts(contractId).stream().filter(r -> BEFORE_IMPORT.equals(r.reference()) && !r.reversed())
                .map(Receipt::receivedOn).max(LocalDate::compareTo);
    }

    /** What the receipts an import recorded for the time before it have paid ({@link #recordBeforeImport}). */
    public BigDecimal receivedBeforeImport(String contractId) {
        writable(contractId);
        return store.receipts(contractId).stream().filter(r -> BEFORE_IMPORT.equals(r.reference()) && !r.reversed())
                .map(r -> r.amount().scaled()).reduce(zero(), BigDecimal::add);
    }

    /**
     * Takes a receipt back (a bounced transfer, a typing error): it pays nothing any more. The receipts Qiyue spread
     * oldest first are spread again over what is left ({@link Allocation#respread}), so that the money still received
     * pays the oldest instalments, as it would have had the reversed receipt never been recorded (outside tester: a
     * later instalment kept money while the first stood overdue, with damages on it); receipts whose instalments
     * someone chose keep them. Instalments then paid in full are settled, the others reopen.
     */
    public Receipt reverse(String receiptId, int expectedVersion, String reason) {
        var receipt = receipt(receiptId);
        writable(receipt.contractId());
        String why = Text.blankToNull(Text.input(reason));
        if (why == null) {
            throw new InvalidInputException("reason", "qiyue.validation.required");
        }
        if (why.length() > MAX_NOTE) {
            throw new InvalidInputException("reason", "qiyue.receivable.too-long", MAX_NOTE);
        }
        String actor = CurrentUsers.actorName();
        String contractId = receipt.contractId();
        ensureAccount(contractId);
        return tx.execute(status -> {
            store.lock(contractId);
            var current = store.findReceipt(receiptId).orElseThrow();
            if (current.version() != expectedVersion) {
                throw new PreconditionFailedException("qiyue.problem.stale", current.version());
            }
            if (current.reversed()) {
                throw conflict("receipt", "qiyue.receivable.already-reversed");
            }
            // what paid each instalment before: an instalment settled by receipts may take money again, one settled
            // otherwise (or waived) keeps what it has
            var paidBefore = new HashMap<String, BigDecimal>();
            store.allocations(contractId).forEach(a -> paidBefore.merge(a.obligationId(), a.amount(), BigDecimal::add));
            Instant now = clock.instant();
            if (!store.reverse(receiptId, expectedVersion, why, now, actor)) {
                throw new PreconditionFailedException("qiyue.problem.stale", current.version());
            }
            store.setReceived(contractId, receivedTotal(contractId), now);
            var plan = payments(contractId);
            var touched = new java.util.LinkedHashSet<String>();
            current.allocations().forEach(p -> touched.add(p.obligationId()));
            spreadAgain(contractId, plan, paidBefore, null).ifPresent(respread -> touched.addAll(rewrite(contractId,
                    plan, respread, new EntityChanged.Change("reallocatedAfterReversal", null, why), actor, now)));
            events.publishEvent(new EntityChanged(RECEIPT, receiptId, EntityChanged.Action.UPDATE, actor, now,
                    List.of(new EntityChanged.Change("reversed", "false", "true"),
                            new EntityChanged.Change("reversalReason", null, why))));
            settleAsPaid(contractId, plan, touched, why, actor);
            return store.findReceipt(receiptId).orElseThrow();
        });
    }

    /**
     * The contract's live receipts that Qiyue spread oldest first, spread again ({@link Allocation#respread}, under the
     * lock) in the order they were paid, with {@code recording} (a receipt being recorded, not stored yet, no parts)
     * among them when given. Empty when the receipts do not fit the plan.
     */
    private Optional<Map<String, List<Allocation.Part>>> spreadAgain(String contractId, List<Obligation> plan,
                                                                     Map<String, BigDecimal> paidBefore,
                                                                     Allocation.Spread recording) {
        // an instalment settled by receipts may take money again, one settled otherwise (or waived) keeps what it has
        var slots = plan.stream().map(o -> new Allocation.Slot(o.id(), o.seq(), o.dueDate(), o.amount().scaled(),
                o.status().open() || o.status() == ObligationStatus.DONE
                        && paidBefore.getOrDefault(o.id(), zero()).compareTo(o.amount().scaled()) >= 0)).toList();
        var spread = new ArrayList<Allocation.Spread>();
        store.receipts(contractId).stream().filter(r -> !r.reversed()).forEach(r -> spread.add(new Allocation.Spread(
                r.id(), r.receivedOn(), r.createdAt(), r.amount().scaled(), r.allocatedOldestFirst(),
                r.allocations().stream().map(p -> new Allocation.Part(p.obligationId(), p.amount().scaled()))
                        .toList())));
        if (recording != null) {
            spread.add(recording);
        }
        var respread = Allocation.respread(slots, spread);
        if (respread.isEmpty()) {
            // the records do not add up (an instalment holding more than its amount): nothing is moved rather than
            // guessed
            log.warn("receipts of contract {} not spread again: they do not fit its plan", contractId);
        }
        return respread;
    }

    /**
     * Writes the stored receipts whose instalments {@link #spreadAgain} changed, each with a new version and an audit
     * entry ({@code why}: the field and value saying what moved them), and answers the instalments whose money
     * changed.
     */
    private Set<String> rewrite(String contractId, List<Obligation> plan, Map<String, List<Allocation.Part>> respread,
                                EntityChanged.Change why, String actor, Instant now) {
        var byId = new HashMap<String, Obligation>();
        plan.forEach(o -> byId.put(o.id(), o));
        var all = instalmentsForAudit(plan);
        var touched = new HashSet<String>();
        for (var r : store.receipts(contractId)) {
            var parts = r.reversed() ? null : respread.get(r.id());
            if (parts == null) {
                continue;
            }
            var before = r.allocations().stream()
                    .map(p -> new Allocation.Part(p.obligationId(), p.amount().scaled())).toList();
            var was = sums(before);
            var is = sums(parts);
            if (was.equals(is)) {
                continue;
            }
            var ordered = parts.stream().sorted(java.util.Comparator.comparingInt(
                    (Allocation.Part p) -> byId.containsKey(p.obligationId()) ? byId.get(p.obligationId()).seq() : 0))
                    .toList();
            if (!store.reallocate(r.id(), r.version(), contractId, ordered)) {
                throw new PreconditionFailedException("qiyue.problem.stale", r.version());
            }
            was.keySet().stream().filter(id -> !was.get(id).equals(is.get(id))).forEach(touched::add);
            is.keySet().stream().filter(id -> !is.get(id).equals(was.get(id))).forEach(touched::add);
            events.publishEvent(new EntityChanged(RECEIPT, r.id(), EntityChanged.Action.UPDATE, actor, now, List.of(
                    new EntityChanged.Change("allocations", allocationsForAudit(before, all),
                            allocationsForAudit(ordered, all)), why)));
        }
        return touched;
    }

    /** Every instalment of the plan by id, as the audit entries of allocations name them (seq and due date). */
    private static Map<String, Allocation.Open> instalmentsForAudit(List<Obligation> plan) {
        var all = new HashMap<String, Allocation.Open>();
        plan.forEach(o -> all.put(o.id(), new Allocation.Open(o.id(), o.seq(), o.dueDate(), o.amount().scaled())));
        return all;
    }

    /** Per instalment, what the parts pay into it. */
    private static Map<String, BigDecimal> sums(List<Allocation.Part> parts) {
        var out = new HashMap<String, BigDecimal>();
        parts.forEach(p -> out.merge(p.obligationId(), p.amount().setScale(2, RoundingMode.HALF_UP), BigDecimal::add));
        return out;
    }

    /**
     * The instalments whose money changed (a receipt recorded, or one taken back), settled as the receipts now paying
     * them say: paid in full, on the day the last of them was paid (settled, or settled on that day if another day
     * was recorded: the day late-payment damages run to); else open again (late when its day has passed), with
     * {@code why} as the reason (a receipt recorded takes no money from any instalment: null there).
     */
    private void settleAsPaid(String contractId, List<Obligation> plan, Set<String> touched, String why,
                              String actor) {
        var paid = new HashMap<String, BigDecimal>();
        var lastOn = new HashMap<String, LocalDate>();
        for (var a : store.allocations(contractId)) {
            paid.merge(a.obligationId(), a.amount(), BigDecimal::add);
            lastOn.merge(a.obligationId(), a.receivedOn(), (x, y) -> x.isAfter(y) ? x : y);
        }
        for (var o : plan) {
            if (!touched.contains(o.id()) || o.status() == ObligationStatus.WAIVED) {
                continue;
            }
            boolean inFull = paid.getOrDefault(o.id(), zero()).compareTo(o.amount().scaled()) >= 0;
            if (inFull && o.status().open()) {
                obligations.settle(o.id(), lastOn.get(o.id()), actor);
            } else if (inFull) {
                obligations.resettle(o.id(), lastOn.get(o.id()), actor);
            } else if (why != null) {
                obligations.unsettle(o.id(), why, actor);
            }
        }
    }

    // --- invoices ---

    public Invoice issue(String contractId, InvoiceInput input) {
        Contract contract = writable(contractId);
        if (input == null) {
            throw new InvalidInputException("number", "qiyue.validation.required");
        }
        var violations = new ArrayList<FieldViolation>();
        String number = Text.blankToNull(Text.input(input.number()));
        if (number == null) {
            violations.add(new FieldViolation("number", "qiyue.validation.required"));
        } else if (number.length() > MAX_INVOICE_NUMBER) {
            violations.add(new FieldViolation("number", "qiyue.receivable.too-long", MAX_INVOICE_NUMBER));
        }
        if (input.issuedOn() == null) {
            violations.add(new FieldViolation("issuedOn", "qiyue.validation.required"));
        } else if (input.issuedOn().isAfter(obligations.today())) {
            violations.add(new FieldViolation("issuedOn", "qiyue.receivable.issued-in-future"));
        } else {
            signedOn(contract).filter(input.issuedOn()::isBefore).ifPresent(signed -> violations.add(
                    new FieldViolation("issuedOn", "qiyue.receivable.issued-before-signing", signed)));
        }
        positive(input.amount(), "amount", violations);
        BigDecimal rate = input.taxRatePercent();
        if (rate == null) {
            violations.add(new FieldViolation("taxRatePercent", "qiyue.validation.required"));
        } else if (rate.signum() < 0 || rate.compareTo(HUNDRED) >= 0 || rate.stripTrailingZeros().scale() > 2) {
            violations.add(new FieldViolation("taxRatePercent", "qiyue.receivable.tax-rate"));
        }
        String note = Text.blankToNull(Text.input(input.note()));
        if (note != null && note.length() > MAX_NOTE) {
            violations.add(new FieldViolation("note", "qiyue.receivable.too-long", MAX_NOTE));
        }
        String obligationId = Text.blankToNull(input.obligationId());
        if (obligationId != null && payments(contractId).stream().noneMatch(o -> o.id().equals(obligationId))) {
            violations.add(new FieldViolation("obligationId", "qiyue.receivable.not-an-instalment"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations).about(INVOICE_FIELDS);
        }
        // as for receipts: before the signing there is no contract to invoice under
        if (!obligationStore.planned(contractId)) {
            throw conflict("contractId", "qiyue.receivable.not-signed");
        }
        BigDecimal amount = input.amount().scaled();
        BigDecimal scaledRate = rate.setScale(2, RoundingMode.HALF_UP);
        // the amount includes the tax: tax = amount × rate / (100 + rate), rounded once to the fen
        BigDecimal tax = amount.multiply(scaledRate).divide(HUNDRED.add(scaledRate), 2, RoundingMode.HALF_UP);
        String actor = CurrentUsers.actorName();
        ensureAccount(contractId);
        String id = Ids.newId();
        try {
            return tx.execute(status -> {
                store.lock(contractId);
                if (store.invoiceNumberTaken(contract.ourEntityId(), number)) {
                    throw conflict("number", "qiyue.receivable.invoice-number-taken", number);
                }
                BigDecimal invoiced = store.invoices(contractId).stream().map(i -> i.amount().scaled())
                        .reduce(zero(), BigDecimal::add);
                // the contract amount, or without one the payment plan's total (nothing to hold it to without either)
                BigDecimal planned = payments(contractId).stream().filter(o -> o.amount() != null)
                        .map(o -> o.amount().scaled()).reduce(zero(), BigDecimal::add);
                BigDecimal inForce = amountInForce(contract);
                BigDecimal ceiling = inForce != null ? inForce : planned.signum() > 0 ? planned : null;
                if (ceiling != null && invoiced.add(amount).compareTo(ceiling) > 0) {
                    throw conflict("amount", "qiyue.receivable.invoices-exceed-amount",
                            Money.written(ceiling.subtract(invoiced)));
                }
                // an invoice for an instalment is for that instalment: together no more than it (as receipts)
                if (obligationId != null) {
                    var instalment = payments(contractId).stream().filter(o -> o.id().equals(obligationId))
                            .findFirst().orElseThrow();
                    BigDecimal onIt = store.invoices(contractId).stream()
                            .filter(i -> obligationId.equals(i.obligationId())).map(i -> i.amount().scaled())
                            .reduce(zero(), BigDecimal::add);
                    if (instalment.amount() != null
                            && onIt.add(amount).compareTo(instalment.amount().scaled()) > 0) {
                        throw conflict("amount", "qiyue.receivable.invoices-exceed-instalment",
                                Money.written(instalment.amount().scaled().subtract(onIt)));
                    }
                }
                Instant now = clock.instant();
                store.insertInvoice(id, contractId, contract.ourEntityId(), obligationId, number, input.issuedOn(), amount,
                        scaledRate, tax, note, now, actor);
                events.publishEvent(new EntityChanged(INVOICE, id, EntityChanged.Action.CREATE, actor, now, List.of(
                        new EntityChanged.Change("contractId", null, contractId),
                        new EntityChanged.Change("number", null, number),
                        new EntityChanged.Change("amount", null, amount.toPlainString()))));
                return store.findInvoice(id).orElseThrow();
            });
        } catch (DuplicateKeyException taken) {
            // another contract of the same signing entity took the number at the same moment
            throw conflict("number", "qiyue.receivable.invoice-number-taken", number);
        }
    }

    // --- the plan ---

    /**
     * Adds an instalment to a signed contract's plan. Refused (409, {@code amount}) when the plan would then exceed
     * the contract amount. The amount of a signed contract cannot change today; should an amendment ever change it,
     * this check and {@link #changeInstalment} read the amount as it is then.
     */
    public ContractReceivables.Instalment addInstalment(String contractId, InstalmentInput input) {
        Contract contract = writable(contractId);
        var checked = checkInstalment(input, contract);
        if (!obligationStore.planned(contractId)) {
            throw conflict("contractId", "qiyue.receivable.not-signed");
        }
        String actor = CurrentUsers.actorName();
        ensureAccount(contractId);
        var addedId = new java.util.concurrent.atomic.AtomicReference<String>();
        tx.executeWithoutResult(status -> {
            store.lock(contractId);
            var all = obligations.internalOfContract(contractId);
            checkPlanTotal(contract, payments(contractId), null, checked.amount().scaled());
            int seq = all.stream().mapToInt(Obligation::seq).max().orElse(0) + 1;
            var planned = new ObligationPlanner.Planned(ObligationKind.PAYMENT, ObligationSide.CUSTOMER, checked.title(),
                    checked.description(), contract.startDate(), checked.dueDate(), null, checked.amount());
            LocalDate today = obligations.today();
            var state = checked.dueDate() != null && checked.dueDate().isBefore(today) ? ObligationStatus.OVERDUE
                    : ObligationStatus.PENDING;
            Instant now = clock.instant();
            obligationStore.insertAll(List.of(new ObligationStore.NewObligation(contractId, seq, planned, null,
                    contract.owner(), contract.customerId(), ObligationStore.Start.of(state), now)));
            var added = obligationStore.ofContract(contractId).stream().filter(o -> o.seq() == seq).findFirst()
                    .orElseThrow();
            addedId.set(added.id());
            events.publishEvent(new EntityChanged(Obligations.AUDIT_TYPE, added.id(), EntityChanged.Action.CREATE,
                    actor, now, List.of(new EntityChanged.Change("amount", null, checked.amount().scaled().toPlainString()),
                    new EntityChanged.Change("dueDate", null, String.valueOf(checked.dueDate())))));
        });
        return instalment(contractId, addedId.get());
    }

    /**
     * Changes an open instalment's title, due date and amount (If-Match: its version). Refused when the plan would
     * exceed the contract amount, or the amount would fall below what was already received of it (409, {@code amount}).
     */
    public ContractReceivables.Instalment changeInstalment(String contractId, String obligationId, int expectedVersion,
                                                           InstalmentInput input) {
        Contract contract = writable(contractId);
        var checked = checkInstalment(input, contract);
        String actor = CurrentUsers.actorName();
        ensureAccount(contractId);
        tx.executeWithoutResult(status -> {
            store.lock(contractId);
            var plan = payments(contractId);
            var before = plan.stream().filter(o -> o.id().equals(obligationId)).findFirst()
                    .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "obligation", obligationId));
            if (before.version() != expectedVersion) {
                throw new PreconditionFailedException("qiyue.problem.stale", before.version());
            }
            if (!before.status().open()) {
                throw conflict("status", "qiyue.receivable.instalment-closed");
            }
            BigDecimal paid = store.allocations(contractId).stream().filter(a -> a.obligationId().equals(obligationId))
                    .map(ReceivableStore.Allocated::amount).reduce(zero(), BigDecimal::add);
            BigDecimal amount = checked.amount().scaled();
            if (amount.compareTo(paid) < 0) {
                throw conflict("amount", "qiyue.receivable.below-received", Money.written(paid));
            }
            checkPlanTotal(contract, plan, obligationId, amount);
            Instant now = clock.instant();
            String trigger = checked.dueDate() != null ? null : before.dueTrigger();
            if (!store.changeInstalment(obligationId, expectedVersion, checked.title(), checked.dueDate(), trigger,
                    amount, now)) {
                throw new PreconditionFailedException("qiyue.problem.stale", before.version());
            }
            // only what changed (outside tester: an amount's change listed the title and date as changed too)
            var changes = java.util.stream.Stream.of(
                    new EntityChanged.Change("amount", before.amount().scaled().toPlainString(), amount.toPlainString()),
                    new EntityChanged.Change("dueDate", String.valueOf(before.dueDate()), String.valueOf(checked.dueDate())),
                    new EntityChanged.Change("title", before.title(), checked.title()))
                    .filter(c -> !java.util.Objects.equals(c.before(), c.after())).toList();
            events.publishEvent(new EntityChanged(Obligations.AUDIT_TYPE, obligationId, EntityChanged.Action.UPDATE,
                    actor, now, changes));
            if (amount.compareTo(paid) == 0) {
                var last = store.allocations(contractId).stream().filter(a -> a.obligationId().equals(obligationId))
                        .map(ReceivableStore.Allocated::receivedOn).max(LocalDate::compareTo).orElse(obligations.today());
                obligations.settle(obligationId, last, actor);
            } else {
                // moved to a day still to come: the status follows the new date (the scan marks it late again if
                // that day passes unpaid)
                obligations.rescheduled(obligationId, actor);
            }
        });
        return instalment(contractId, obligationId);
    }

    private ContractReceivables.Instalment instalment(String contractId, String obligationId) {
        return summary(contractId, null).instalments().stream().filter(i -> i.id().equals(obligationId)).findFirst()
                .orElseThrow();
    }

    private InstalmentInput checkInstalment(InstalmentInput input, Contract contract) {
        if (input == null) {
            throw new InvalidInputException("amount", "qiyue.validation.required").about(INSTALMENT_FIELDS);
        }
        var violations = new ArrayList<FieldViolation>();
        String title = Text.blankToNull(Text.input(input.title()));
        if (title == null) {
            violations.add(new FieldViolation("title", "qiyue.validation.required"));
        } else if (title.length() > 200) {
            violations.add(new FieldViolation("title", "qiyue.receivable.too-long", 200));
        }
        String description = Text.blankToNull(Text.input(input.description()));
        if (description != null && description.length() > MAX_NOTE) {
            violations.add(new FieldViolation("description", "qiyue.receivable.too-long", MAX_NOTE));
        }
        positive(input.amount(), "amount", violations);
        // as QY-C008 holds a draft's schedule: due before the term starts, every day until then would count as late
        LocalDate start = contract.startDate();
        LocalDate signed = signedOn(contract).orElse(null);
        if (input.dueDate() != null && start != null && input.dueDate().isBefore(start)) {
            violations.add(new FieldViolation("dueDate", "qiyue.receivable.due-before-start", start));
        } else if (input.dueDate() != null && signed != null && input.dueDate().isBefore(signed)) {
            // nothing is owed before the contract was made: the contract's receivables counted such a day from the
            // signature, the ageing from the day given (outside tester), so one day is asked for
            violations.add(new FieldViolation("dueDate", "qiyue.receivable.due-before-signing", signed));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations).about(INSTALMENT_FIELDS);
        }
        return new InstalmentInput(title, input.dueDate(), Money.cny(input.amount().scaled()), description);
    }

    /** The plan (instalments not waived), with {@code changedId} at {@code amount} or a new one of it, within the amount. */
    private void checkPlanTotal(Contract contract, List<Obligation> plan, String changedId, BigDecimal amount) {
        if (contract.amount() == null) {
            throw conflict("amount", "qiyue.receivable.no-contract-amount");
        }
        BigDecimal total = amount;
        for (var o : plan) {
            if (o.status() != ObligationStatus.WAIVED && !o.id().equals(changedId)) {
                total = total.add(o.amount().scaled());
            }
        }
        BigDecimal inForce = amountInForce(contract);
        if (total.compareTo(inForce) > 0) {
            throw conflict("amount", "qiyue.receivable.plan-exceeds-amount", Money.written(total),
                    Money.written(inForce));
        }
    }

    /**
     * What the contract is worth over its terms so far: its amount, once more for every year it renewed itself
     * (自动续期, on the same terms), which the plan, the invoices and 回款 % are held to.
     */
    private BigDecimal amountInForce(Contract contract) {
        if (contract.amount() == null) {
            return null;
        }
        int renewals = contract.autoRenew() ? contracts.lineage(contract.id()).autoRenewals() : 0;
        return contract.amount().scaled().multiply(BigDecimal.valueOf(1L + renewals));
    }

    // --- ageing ---

    public enum GroupBy { CUSTOMER, OWNER, TEAM }

    public AgeingReport ageing(GroupBy groupBy, LocalDate asOf) {
        return ageing(groupBy, asOf, scopes.read(CurrentUsers.require()));
    }

    /** The ageing of the given scope (the dashboard's, narrowed to an owner or team). */
    AgeingReport ageing(GroupBy groupBy, LocalDate asOf, io.qiyue.security.OwnerScope scope) {
        LocalDate on = asOf == null ? obligations.today() : asOf;
        var items = new ArrayList<Ageing.Item>();
        store.ageingItems(scope, on, items::add);
        var teamOf = new HashMap<String, String>();
        java.util.function.Function<Ageing.Item, String> key = switch (groupBy) {
            case CUSTOMER -> Ageing.Item::customerId;
            case OWNER -> Ageing.Item::owner;
            case TEAM -> item -> teamOf.computeIfAbsent(item.owner(),
                    owner -> users.findByUsername(owner).map(u -> u.teamId()).orElse(""));
        };
        var groups = Ageing.sum(items, on, key);
        var labels = labels(groupBy, groups.keySet());
        var rows = new ArrayList<AgeingReport.Row>();
        var totals = new Ageing.Sums();
        groups.forEach((k, sums) -> {
            rows.add(row(k, labels.getOrDefault(k, k), sums));
            for (var b : Ageing.Bucket.values()) {
                totals.add(b, sums.get(b));
            }
        });
        rows.sort(java.util.Comparator.comparing((AgeingReport.Row r) -> r.overdue().scaled()).reversed()
                .thenComparing(r -> r.total().scaled(), java.util.Comparator.reverseOrder())
                .thenComparing(AgeingReport.Row::label, java.util.Comparator.nullsLast(String::compareTo)));
        return new AgeingReport(on, groupBy.name().toLowerCase(java.util.Locale.ROOT), List.copyOf(rows),
                row(null, null, totals));
    }

    private Map<String, String> labels(GroupBy groupBy, Collection<String> keys) {
        var out = new LinkedHashMap<String, String>();
        switch (groupBy) {
            case CUSTOMER -> out.putAll(customers.names(keys.stream().filter(k -> k != null).toList()));
            case OWNER -> keys.forEach(k -> out.put(k, users.findByUsername(k).map(u -> u.displayName()).orElse(k)));
            case TEAM -> {
                var names = new HashMap<String, String>();
                users.teams().forEach(t -> names.put(t.id(), t.name()));
                String none = messages.getMessage("receivables.ageing.noTeam", null, "—", LocaleContextHolder.getLocale());
                keys.forEach(k -> out.put(k, k.isEmpty() ? none : names.getOrDefault(k, k)));
            }
        }
        return out;
    }

    private static AgeingReport.Row row(String key, String label, Ageing.Sums sums) {
        return new AgeingReport.Row(key, label, Money.cny(sums.get(Ageing.Bucket.NOT_DUE)),
                Money.cny(sums.get(Ageing.Bucket.DAYS_0_30)), Money.cny(sums.get(Ageing.Bucket.DAYS_31_60)),
                Money.cny(sums.get(Ageing.Bucket.DAYS_61_90)), Money.cny(sums.get(Ageing.Bucket.OVER_90)),
                Money.cny(sums.overdue()), Money.cny(sums.total()));
    }

    // --- helpers ---

    private Contract writable(String contractId) {
        Contract contract = contracts.get(contractId);
        if (!mayWrite()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        return contract;
    }

    /** The contract's payment instalments in plan order. */
    private List<Obligation> payments(String contractId) {
        return obligations.internalOfContract(contractId).stream()
                .filter(o -> o.kind() == ObligationKind.PAYMENT && o.amount() != null).toList();
    }

    /**
     * What a receipt paid, instalment by instalment, as the audit trail records it: JSON the audit page reads in
     * words (第 1 期, its due date and the sum), not obligation ids.
     */
    private static String allocationsForAudit(List<Allocation.Part> parts, Map<String, Allocation.Open> open) {
        return parts.stream().map(p -> {
            var o = open.get(p.obligationId());
            return "{\"instalment\":" + (o == null ? 0 : o.seq()) + ",\"dueDate\":"
                    + (o == null || o.dueDate() == null ? "null" : "\"" + o.dueDate() + "\"")
                    + ",\"allocated\":{\"value\":\"" + p.amount().toPlainString() + "\",\"currency\":\"CNY\"}}";
        }).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** The instalments that can still take money, with what is outstanding of each (read under the lock). */
    private Map<String, Allocation.Open> open(String contractId) {
        var paid = new HashMap<String, BigDecimal>();
        store.allocations(contractId).forEach(a -> paid.merge(a.obligationId(), a.amount(), BigDecimal::add));
        var open = new LinkedHashMap<String, Allocation.Open>();
        for (var o : payments(contractId)) {
            BigDecimal owed = owed(o, paid.getOrDefault(o.id(), zero()));
            if (owed.signum() > 0) {
                open.put(o.id(), new Allocation.Open(o.id(), o.seq(), o.dueDate(), owed));
            }
        }
        return open;
    }

    /**
     * {@link #owed} on a day, {@code paid} being what the receipts received by then paid into it and {@code paidEver}
     * what all live receipts paid: an instalment settled after that day was still owed then; one the receipts settle
     * owed what they had not paid by then (whatever day it was recorded settled on).
     */
    private static BigDecimal owedOn(Obligation o, BigDecimal paid, BigDecimal paidEver, LocalDate on) {
        if (o.status() == ObligationStatus.DONE && (o.completedOn() != null && o.completedOn().isAfter(on)
                || paidEver.compareTo(o.amount().scaled()) >= 0)) {
            return o.amount().scaled().subtract(paid).max(zero());
        }
        return owed(o, paid);
    }

    /** What is still owed of an instalment: nothing once waived or marked done, else its amount less what paid it. */
    private static BigDecimal owed(Obligation o, BigDecimal paid) {
        if (!o.status().open()) {
            return zero();
        }
        return o.amount().scaled().subtract(paid).max(zero());
    }

    private BigDecimal receivedTotal(String contractId) {
        return store.allocations(contractId).stream().map(ReceivableStore.Allocated::amount)
                .reduce(zero(), BigDecimal::add);
    }

    /** The contract's lock row, created in a transaction of its own (a second creator finds it there). */
    private void ensureAccount(String contractId) {
        if (store.hasAccount(contractId)) {
            return;
        }
        try {
            ownTx.executeWithoutResult(status -> store.insertAccount(contractId, clock.instant()));
        } catch (DuplicateKeyException alreadyThere) {
            // created by a concurrent request: the lock row exists, which is all that is needed
        }
    }

    private static void positive(Money money, String field, List<FieldViolation> violations) {
        if (money == null || money.value() == null) {
            violations.add(new FieldViolation(field, "qiyue.validation.required"));
            return;
        }
        BigDecimal v = money.value();
        if (!Money.CNY.equals(money.currency())) {
            violations.add(new FieldViolation(field + ".currency", "qiyue.money.currency"));
        } else if (v.signum() <= 0) {
            violations.add(new FieldViolation(field, "qiyue.receivable.amount-positive"));
        } else if (v.stripTrailingZeros().scale() > 2 || v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
            violations.add(new FieldViolation(field, "qiyue.receivable.amount-digits"));
        }
    }

    private static BigDecimal percent(BigDecimal received, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) {
            return null;
        }
        return received.multiply(HUNDRED).divide(amount, 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    /** A 409 that names the field, in the caller's language, like a 400's {@code errors[]}. */
    private ConflictException conflict(String field, String code, Object... args) {
        String text = messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
        return new ConflictException(Map.of("errors", List.of(Map.of("field", field, "message", text))), code, args);
    }
}

package io.qiyue.obligation;

import io.qiyue.contract.Terms;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Money;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The receivable tables (V31), and the few reads of the obligation table (V30) that receivables need. */
@Component
class ReceivableStore {
    private static final String RECEIPT_COLUMNS = "id, contract_id, received_on, amount_value, amount_currency, method,"
            + " reference, note, oldest_first, reversed_at, reversed_by, reversal_reason, created_at, created_by, version";
    private static final String INVOICE_COLUMNS = "id, contract_id, obligation_id, invoice_no, issued_on, amount_value,"
            + " amount_currency, tax_rate_percent, tax_value, note, created_at, created_by, version";

    private final JdbcClient jdbc;

    ReceivableStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- the per-contract lock ---

    boolean hasAccount(String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM receivable_account WHERE contract_id = ?").param(contractId)
                .query(Long.class).single() > 0;
    }

    void insertAccount(String contractId, Instant at) {
        jdbc.sql("INSERT INTO receivable_account (contract_id, received_value, updated_at, version) VALUES (?,?,?,0)")
                .params(contractId, BigDecimal.ZERO.setScale(2), DbTime.toDb(at)).update();
    }

    /**
     * Takes the contract's lock until the transaction ends: the first statement of every writing transaction, so
     * that what it reads next (at READ COMMITTED) includes everything the previous holder committed.
     */
    void lock(String contractId) {
        jdbc.sql("SELECT version FROM receivable_account WHERE contract_id = ? FOR UPDATE").param(contractId)
                .query(Integer.class).single();
    }

    void setReceived(String contractId, BigDecimal received, Instant at) {
        jdbc.sql("UPDATE receivable_account SET received_value = ?, updated_at = ?, version = version + 1"
                + " WHERE contract_id = ?").params(received, DbTime.toDb(at), contractId).update();
    }

    // --- receipts ---

    void insertReceipt(String id, String contractId, LocalDate receivedOn, BigDecimal amount,
                       Terms.PaymentMethod method, String reference, String note, boolean oldestFirst, Instant at,
                       String by) {
        jdbc.sql("INSERT INTO receipt (id, contract_id, received_on, amount_value, amount_currency, method, reference,"
                        + " note, oldest_first, created_at, created_by, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,1)")
                .params(id, contractId, receivedOn, amount, Money.CNY, method.name(), reference, note, oldestFirst,
                        DbTime.toDb(at), by)
                .update();
    }

    void insertAllocation(String receiptId, String obligationId, String contractId, BigDecimal amount) {
        jdbc.sql("INSERT INTO receipt_allocation (receipt_id, obligation_id, contract_id, amount_value) VALUES (?,?,?,?)")
                .params(receiptId, obligationId, contractId, amount).update();
    }

    /**
     * What a receipt pays, replaced (spread again after another receipt was taken back), and its version moved on: what
     * was read of it before no longer holds.
     */
    boolean reallocate(String receiptId, int version, String contractId, List<Allocation.Part> parts) {
        if (jdbc.sql("UPDATE receipt SET version = version + 1 WHERE id = ? AND version = ? AND reversed_at IS NULL")
                .params(receiptId, version).update() != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM receipt_allocation WHERE receipt_id = ?").param(receiptId).update();
        for (var part : parts) {
            insertAllocation(receiptId, part.obligationId(), contractId, part.amount());
        }
        return true;
    }

    boolean reverse(String id, int version, String reason, Instant at, String by) {
        return jdbc.sql("UPDATE receipt SET reversed_at = ?, reversed_by = ?, reversal_reason = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? AND reversed_at IS NULL")
                .params(DbTime.toDb(at), by, reason, id, version).update() == 1;
    }

    Optional<Receipt> findReceipt(String id) {
        var found = jdbc.sql("SELECT " + RECEIPT_COLUMNS + " FROM receipt WHERE id = ?").param(id)
                .query(ReceivableStore::receipt).optional();
        return found.map(r -> withAllocations(List.of(r)).getFirst());
    }

    List<Receipt> receipts(String contractId) {
        var list = jdbc.sql("SELECT " + RECEIPT_COLUMNS + " FROM receipt WHERE contract_id = ?"
                        + " ORDER BY received_on, created_at, id")
                .param(contractId).query(ReceivableStore::receipt).list();
        return withAllocations(list);
    }

    private List<Receipt> withAllocations(List<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return receipts;
        }
        var byReceipt = new HashMap<String, List<Receipt.Paid>>();
        jdbc.sql("SELECT a.receipt_id, a.obligation_id, a.amount_value, o.seq, o.title FROM receipt_allocation a"
                        + " JOIN obligation o ON o.id = a.obligation_id WHERE a.receipt_id IN (:ids) ORDER BY o.seq")
                .param("ids", receipts.stream().map(Receipt::id).toList())
                .query(rs -> {
                    byReceipt.computeIfAbsent(rs.getString("receipt_id"), k -> new ArrayList<>())
                            .add(new Receipt.Paid(rs.getString("obligation_id"), rs.getInt("seq"), rs.getString("title"),
                                    Money.cny(rs.getBigDecimal("amount_value"))));
                });
        return receipts.stream().map(r -> new Receipt(r.id(), r.contractId(), r.receivedOn(), r.amount(), r.method(),
                r.reference(), r.note(), List.copyOf(byReceipt.getOrDefault(r.id(), List.of())), r.allocatedOldestFirst(),
                r.reversed(),
                r.reversedAt(), r.reversedBy(), r.reversalReason(), r.createdAt(), r.createdBy(), r.version())).toList();
    }

    /** A live (not reversed) allocation with the day its receipt came in. */
    record Allocated(String receiptId, String obligationId, LocalDate receivedOn, BigDecimal amount) {
    }

    /** What live receipts paid into one instalment, zero when nothing. */
    BigDecimal paidInto(String obligationId) {
        return jdbc.sql("SELECT COALESCE(SUM(a.amount_value), 0) FROM receipt_allocation a"
                        + " JOIN receipt r ON r.id = a.receipt_id WHERE a.obligation_id = ? AND r.reversed_at IS NULL")
                .param(obligationId).query(BigDecimal.class).single();
    }

    List<Allocated> allocations(String contractId) {
        return jdbc.sql("SELECT a.receipt_id, a.obligation_id, r.received_on, a.amount_value FROM receipt_allocation a"
                        + " JOIN receipt r ON r.id = a.receipt_id WHERE a.contract_id = ? AND r.reversed_at IS NULL"
                        + " ORDER BY r.received_on, r.created_at, r.id")
                .param(contractId)
                .query((rs, n) -> new Allocated(rs.getString(1), rs.getString(2),
                        ObligationStore.date(rs, "received_on"), rs.getBigDecimal(4)))
                .list();
    }

    /** What was received (receipts not reversed) per contract, for the listed ids only. */
    Map<String, BigDecimal> receivedOf(Collection<String> contractIds) {
        var out = new HashMap<String, BigDecimal>();
        if (contractIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT contract_id, SUM(amount_value) FROM receipt WHERE contract_id IN (:ids) AND reversed_at IS NULL"
                        + " GROUP BY contract_id")
                .param("ids", contractIds)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return out;
    }

    /**
     * The contracts (within the owner scope) that still owe money on their plan: an instalment open (pending or
     * overdue). One query over the obligation index, whatever the number of contracts.
     */
    Set<String> notFullyPaid(OwnerScope scope) {
        var sql = "SELECT DISTINCT contract_id FROM obligation WHERE kind = 'PAYMENT' AND status IN ('PENDING', 'OVERDUE')";
        if (!scope.all()) {
            if (scope.owners().isEmpty()) {
                return Set.of();
            }
            return Set.copyOf(jdbc.sql(sql + " AND contract_owner IN (:owners)").param("owners", scope.owners())
                    .query(String.class).list());
        }
        return Set.copyOf(jdbc.sql(sql).query(String.class).list());
    }

    /** Receipts not taken back, by the month they came in, of contracts whose owner is in the scope. */
    java.util.Map<java.time.YearMonth, BigDecimal> collectedByMonth(OwnerScope scope, LocalDate from, LocalDate to) {
        var out = new java.util.TreeMap<java.time.YearMonth, BigDecimal>();
        if (scope.isEmpty()) {
            return out;
        }
        var params = new java.util.HashMap<String, Object>();
        params.put("from", from);
        params.put("to", to);
        String owners = "";
        if (!scope.all()) {
            owners = " AND EXISTS (SELECT 1 FROM obligation o WHERE o.contract_id = r.contract_id"
                    + " AND o.kind = 'PAYMENT' AND o.contract_owner IN (:owners))";
            params.put("owners", List.copyOf(scope.owners()));
        }
        jdbc.sql("SELECT EXTRACT(YEAR FROM r.received_on) AS y, EXTRACT(MONTH FROM r.received_on) AS m,"
                        + " SUM(r.amount_value) AS total FROM receipt r WHERE r.reversed_at IS NULL"
                        + " AND r.received_on >= :from AND r.received_on < :to" + owners
                        + " GROUP BY EXTRACT(YEAR FROM r.received_on), EXTRACT(MONTH FROM r.received_on)")
                .params(params)
                .query(rs -> {
                    out.put(java.time.YearMonth.of(rs.getInt("y"), rs.getInt("m")), rs.getBigDecimal("total"));
                });
        return out;
    }

    // --- invoices ---

    boolean invoiceNumberTaken(String ourEntityId, String number) {
        // INV-1 and inv-1 are one number to a tax office
        return jdbc.sql("SELECT COUNT(*) FROM invoice WHERE our_entity_id = ? AND UPPER(invoice_no) = UPPER(?)")
                .params(ourEntityId, number).query(Long.class).single() > 0;
    }

    void insertInvoice(String id, String contractId, String ourEntityId, String obligationId, String number,
                       LocalDate issuedOn, BigDecimal amount, BigDecimal rate, BigDecimal tax, String note, Instant at,
                       String by) {
        jdbc.sql("INSERT INTO invoice (id, contract_id, our_entity_id, obligation_id, invoice_no, issued_on, amount_value,"
                        + " amount_currency, tax_rate_percent, tax_value, note, created_at, created_by, version)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)")
                .params(id, contractId, ourEntityId, obligationId, number, issuedOn, amount, Money.CNY, rate, tax, note,
                        DbTime.toDb(at), by)
                .update();
    }

    Optional<Invoice> findInvoice(String id) {
        return jdbc.sql("SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE id = ?").param(id)
                .query(ReceivableStore::invoice).optional();
    }

    List<Invoice> invoices(String contractId) {
        return jdbc.sql("SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE contract_id = ? ORDER BY issued_on, created_at, id")
                .param(contractId).query(ReceivableStore::invoice).list();
    }

    // --- the plan (obligations of kind PAYMENT) ---

    boolean changeInstalment(String id, int version, String title, LocalDate dueDate, String dueTrigger,
                             BigDecimal amount, Instant at) {
        return jdbc.sql("UPDATE obligation SET title = ?, due_date = ?, due_trigger = ?, amount_value = ?,"
                        + " amount_currency = 'CNY', updated_at = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? AND kind = 'PAYMENT'")
                .params(title, dueDate, dueTrigger, amount, DbTime.toDb(at), id, version).update() == 1;
    }

    /**
     * The instalments of every contract in the owner scope with what was still unpaid of each on {@code asOf}
     * (receipts up to that day, not reversed; one marked paid by hand on or before that day owes nothing).
     */
    void ageingItems(OwnerScope scope, LocalDate asOf, Consumer<Ageing.Item> sink) {
        if (scope.isEmpty()) {
            return;
        }
        var sql = "SELECT o.customer_id, o.contract_owner, o.due_date, o.amount_value, o.status, o.completed_on,"
                + " (SELECT COALESCE(SUM(a.amount_value), 0) FROM receipt_allocation a JOIN receipt r ON r.id = a.receipt_id"
                + "  WHERE a.obligation_id = o.id AND r.reversed_at IS NULL AND r.received_on <= :asOf) AS paid"
                + " FROM obligation o WHERE o.kind = 'PAYMENT' AND o.status <> 'WAIVED' AND o.amount_value IS NOT NULL"
                + (scope.all() ? "" : " AND o.contract_owner IN (:owners)");
        var spec = jdbc.sql(sql).param("asOf", asOf);
        if (!scope.all()) {
            spec = spec.param("owners", scope.owners());
        }
        spec.query(rs -> {
            LocalDate completed = ObligationStore.date(rs, "completed_on");
            boolean paidByHand = "DONE".equals(rs.getString("status")) && completed != null && !completed.isAfter(asOf);
            BigDecimal unpaid = paidByHand ? BigDecimal.ZERO
                    : rs.getBigDecimal("amount_value").subtract(rs.getBigDecimal("paid"));
            sink.accept(new Ageing.Item(rs.getString("customer_id"), rs.getString("contract_owner"),
                    ObligationStore.date(rs, "due_date"), unpaid));
        });
    }

    /**
     * What is unpaid today of the scope's open instalments, summed per age bucket in the database ({@link Ageing}'s
     * buckets: not due, 1–30, 31–60, 61–90, > 90 days late). The dashboard's figure: paid instalments are left out
     * here rather than read and found to be zero, which is what makes it cheap at a million obligations.
     */
    Ageing.Sums openAgeing(OwnerScope scope, LocalDate today) {
        var sums = new Ageing.Sums();
        if (scope.isEmpty()) {
            return sums;
        }
        var params = new java.util.HashMap<String, Object>();
        params.put("today", today);
        params.put("d30", today.minusDays(30));
        params.put("d60", today.minusDays(60));
        params.put("d90", today.minusDays(90));
        String owners = "";
        if (!scope.all()) {
            owners = " AND o.contract_owner IN (:owners)";
            params.put("owners", List.copyOf(scope.owners()));
        }
        jdbc.sql("SELECT"
                        + " SUM(CASE WHEN due_date IS NULL OR due_date >= :today THEN unpaid ELSE 0 END) AS not_due,"
                        + " SUM(CASE WHEN due_date < :today AND due_date >= :d30 THEN unpaid ELSE 0 END) AS d0,"
                        + " SUM(CASE WHEN due_date < :d30 AND due_date >= :d60 THEN unpaid ELSE 0 END) AS d31,"
                        + " SUM(CASE WHEN due_date < :d60 AND due_date >= :d90 THEN unpaid ELSE 0 END) AS d61,"
                        + " SUM(CASE WHEN due_date < :d90 THEN unpaid ELSE 0 END) AS d91"
                        + " FROM (SELECT o.due_date, o.amount_value - (SELECT COALESCE(SUM(a.amount_value), 0)"
                        + "   FROM receipt_allocation a JOIN receipt r ON r.id = a.receipt_id"
                        + "   WHERE a.obligation_id = o.id AND r.reversed_at IS NULL AND r.received_on <= :today) AS unpaid"
                        + "  FROM obligation o WHERE o.kind = 'PAYMENT' AND o.status IN ('PENDING', 'OVERDUE')"
                        + "  AND o.amount_value IS NOT NULL" + owners + ") open_instalments")
                .params(params)
                .query(rs -> {
                    sums.add(Ageing.Bucket.NOT_DUE, zeroIfNull(rs.getBigDecimal("not_due")));
                    sums.add(Ageing.Bucket.DAYS_0_30, zeroIfNull(rs.getBigDecimal("d0")));
                    sums.add(Ageing.Bucket.DAYS_31_60, zeroIfNull(rs.getBigDecimal("d31")));
                    sums.add(Ageing.Bucket.DAYS_61_90, zeroIfNull(rs.getBigDecimal("d61")));
                    sums.add(Ageing.Bucket.OVER_90, zeroIfNull(rs.getBigDecimal("d91")));
                });
        return sums;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** An overdue instalment and what is still unpaid of it. */
    record Overdue(Obligation instalment, BigDecimal unpaid) {
    }

    /** Overdue instalments with what is unpaid of each, for the reminders (streamed, never all in memory). */
    void overdue(Consumer<Overdue> sink) {
        jdbc.sql("SELECT o.*, (SELECT COALESCE(SUM(a.amount_value), 0) FROM receipt_allocation a JOIN receipt r"
                        + " ON r.id = a.receipt_id WHERE a.obligation_id = o.id AND r.reversed_at IS NULL) AS paid"
                        + " FROM obligation o WHERE o.kind = 'PAYMENT' AND o.status = 'OVERDUE'")
                .query(rs -> {
                    var o = ObligationStore.map(rs, 0);
                    sink.accept(new Overdue(o, o.amount() == null ? BigDecimal.ZERO
                            : o.amount().scaled().subtract(rs.getBigDecimal("paid"))));
                });
    }

    private static Receipt receipt(ResultSet rs, int row) throws SQLException {
        return new Receipt(rs.getString("id"), rs.getString("contract_id"), ObligationStore.date(rs, "received_on"),
                new Money(rs.getBigDecimal("amount_value"), rs.getString("amount_currency").trim()),
                Terms.PaymentMethod.valueOf(rs.getString("method")), rs.getString("reference"), rs.getString("note"),
                List.of(), rs.getBoolean("oldest_first"), rs.getString("reversed_by") != null, DbTime.read(rs, "reversed_at"),
                rs.getString("reversed_by"), rs.getString("reversal_reason"), DbTime.read(rs, "created_at"),
                rs.getString("created_by"), rs.getInt("version"));
    }

    private static Invoice invoice(ResultSet rs, int row) throws SQLException {
        return new Invoice(rs.getString("id"), rs.getString("contract_id"), rs.getString("obligation_id"),
                rs.getString("invoice_no"), ObligationStore.date(rs, "issued_on"),
                new Money(rs.getBigDecimal("amount_value"), rs.getString("amount_currency").trim()),
                rs.getBigDecimal("tax_rate_percent"), Money.cny(rs.getBigDecimal("tax_value")), rs.getString("note"),
                DbTime.read(rs, "created_at"), rs.getString("created_by"), rs.getInt("version"));
    }
}

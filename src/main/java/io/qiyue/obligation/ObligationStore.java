package io.qiyue.obligation;

import io.qiyue.shared.Ids;
import io.qiyue.shared.Money;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The obligation tables (V30). */
@Component
class ObligationStore {
    static final String COLUMNS = "id, contract_id, seq, kind, side, responsible, contract_owner, customer_id, title,"
            + " description, starts_on, due_date, due_trigger, amount_value, amount_currency, status, status_reason,"
            + " completed_on, completed_at, completed_by, note, created_at, updated_at, version";

    private final JdbcClient jdbc;

    ObligationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean planned(String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM obligation_plan WHERE contract_id = ?").param(contractId)
                .query(Long.class).single() > 0;
    }

    /** The plan's row first: a second generation for the contract fails on its key before writing anything else. */
    void insertPlan(String contractId, int count, Instant at, String by) {
        jdbc.sql("INSERT INTO obligation_plan (contract_id, obligations, generated_at, generated_by) VALUES (?,?,?,?)")
                .params(contractId, count, DbTime.toDb(at), by).update();
    }

    /** A plan to store with others ({@link #insertPlans}). */
    record NewPlan(String contractId, int count, Instant at, String by) {
    }

    /** Many plans, as {@link #insertPlan} stores each. */
    void insertPlans(List<NewPlan> plans) {
        var rows = new java.util.ArrayList<Object[]>(plans.size());
        for (var p : plans) {
            rows.add(new Object[]{p.contractId(), p.count(), DbTime.toDb(p.at()), p.by()});
        }
        io.qiyue.shared.persistence.MultiRowInsert.insert(jdbc, "obligation_plan",
                List.of("contract_id", "obligations", "generated_at", "generated_by"), rows);
    }

    /** An obligation to store with others ({@link #insertAll}). */
    record NewObligation(String contractId, int seq, ObligationPlanner.Planned planned, String responsible,
                         String owner, String customerId, Start start, Instant at) {
    }

    /**
     * How an obligation enters: its status, and for one that enters done, why, on which day and by whom (an
     * imported contract's visit due before the import: done on its due day, {@code BEFORE_IMPORT}, by the system).
     */
    record Start(ObligationStatus status, String reason, java.time.LocalDate completedOn, String completedBy) {
        static Start of(ObligationStatus status) {
            return new Start(status, null, null, null);
        }
    }

    /** Many obligations, as {@link #insert} stores each. */
    void insertAll(List<NewObligation> obligations) {
        var rows = new java.util.ArrayList<Object[]>(obligations.size());
        for (var o : obligations) {
            var p = o.planned();
            rows.add(new Object[]{Ids.newId(), o.contractId(), o.seq(), p.kind().name(), p.side().name(),
                    o.responsible(), o.owner(), o.customerId(), p.title(), p.description(), p.startsOn(), p.dueDate(),
                    p.dueTrigger(), p.amount() == null ? null : p.amount().scaled(),
                    p.amount() == null ? null : p.amount().currency(), o.start().status().name(), o.start().reason(),
                    o.start().completedOn(), o.start().completedOn() == null ? null : DbTime.toDb(o.at()),
                    o.start().completedBy(), DbTime.toDb(o.at()), DbTime.toDb(o.at()), 0});
        }
        io.qiyue.shared.persistence.MultiRowInsert.insert(jdbc, "obligation", List.of("id", "contract_id", "seq",
                "kind", "side", "responsible", "contract_owner", "customer_id", "title", "description", "starts_on",
                "due_date", "due_trigger", "amount_value", "amount_currency", "status", "status_reason",
                "completed_on", "completed_at", "completed_by", "created_at", "updated_at", "version"), rows);
    }

    Optional<Obligation> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM obligation WHERE id = ?").param(id).query(ObligationStore::map)
                .optional();
    }

    List<Obligation> ofContract(String contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM obligation WHERE contract_id = ? ORDER BY seq")
                .param(contractId).query(ObligationStore::map).list();
    }

    static final java.util.Map<String, String> SORTABLE = java.util.Map.of("dueDate", "due_date", "status", "status",
            "kind", "kind", "updatedAt", "updated_at");

    /** A page of obligations across contracts, limited to {@code scope}'s owners (or where {@code me} answers). */
    io.qiyue.shared.PageResult<Obligation> page(ObligationQuery q, io.qiyue.security.OwnerScope scope, String me,
                                                io.qiyue.shared.Paging paging) {
        var params = new java.util.HashMap<String, Object>();
        String where = where(q, scope, me, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM obligation" + where).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM obligation" + where + " ORDER BY " + order(paging)
                        + " LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(params).query(ObligationStore::map).list();
        return new io.qiyue.shared.PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** Every obligation the filters select, in the page's order, one at a time (exports). */
    void forEach(ObligationQuery q, io.qiyue.security.OwnerScope scope, String me, io.qiyue.shared.Paging paging,
                 java.util.function.Consumer<Obligation> each) {
        var params = new java.util.HashMap<String, Object>();
        String where = where(q, scope, me, params);
        int[] row = {0};
        jdbc.sql("SELECT " + COLUMNS + " FROM obligation" + where + " ORDER BY " + order(paging))
                .withFetchSize(500)
                .params(params).query(rs -> {
                    each.accept(map(rs, row[0]++));
                });
    }

    /** How many obligations of each kind and status the scope has, and how many open ones fall due by {@code soon}. */
    record Counts(java.util.Map<ObligationKind, java.util.Map<ObligationStatus, Long>> byKind, long dueSoon) {
    }

    Counts counts(io.qiyue.security.OwnerScope scope, LocalDate today, LocalDate soon) {
        var params = new java.util.HashMap<String, Object>();
        String where = where(ObligationQuery.ALL, scope, null, params);
        var byKind = new java.util.EnumMap<ObligationKind, java.util.Map<ObligationStatus, Long>>(ObligationKind.class);
        jdbc.sql("SELECT kind, status, COUNT(*) AS n FROM obligation" + where + " GROUP BY kind, status")
                .params(params).query(rs -> {
                    byKind.computeIfAbsent(ObligationKind.valueOf(rs.getString("kind")),
                                    k -> new java.util.EnumMap<>(ObligationStatus.class))
                            .put(ObligationStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        params.put("today", today);
        params.put("soon", soon);
        long dueSoon = jdbc.sql("SELECT COUNT(*) FROM obligation" + where
                        + " AND status = 'PENDING' AND due_date >= :today AND due_date <= :soon")
                .params(params).query(Long.class).single();
        return new Counts(byKind, dueSoon);
    }

    private static String order(io.qiyue.shared.Paging paging) {
        // nulls (a payment waiting for its trigger) after every date, whichever the direction
        return paging.sortColumn().equals("due_date")
                ? "CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, " + paging.orderBy() + ", contract_id, seq"
                : paging.orderBy() + ", contract_id, seq";
    }

    /** The filters as SQL; {@code me} (may be null) also sees what they answer for outside the scope. */
    private static String where(ObligationQuery q, io.qiyue.security.OwnerScope scope, String me,
                                java.util.Map<String, Object> params) {
        var where = new StringBuilder(" WHERE 1=1");
        if (!scope.all()) {
            if (scope.owners().isEmpty() && me == null) {
                where.append(" AND 1=0");
            } else if (scope.owners().isEmpty()) {
                where.append(" AND responsible = :me");
                params.put("me", me);
            } else if (me == null) {
                where.append(" AND contract_owner IN (:scopeOwners)");
                params.put("scopeOwners", List.copyOf(scope.owners()));
            } else {
                where.append(" AND (contract_owner IN (:scopeOwners) OR responsible = :me)");
                params.put("scopeOwners", List.copyOf(scope.owners()));
                params.put("me", me);
            }
        }
        if (!q.status().isEmpty()) {
            where.append(" AND status IN (:status)");
            params.put("status", q.status().stream().map(Enum::name).toList());
        }
        if (q.kind() != null) {
            where.append(" AND kind = :kind");
            params.put("kind", q.kind().name());
        }
        if (q.side() != null) {
            where.append(" AND side = :side");
            params.put("side", q.side().name());
        }
        if (q.dueFrom() != null) {
            where.append(" AND due_date >= :dueFrom");
            params.put("dueFrom", q.dueFrom());
        }
        if (q.dueTo() != null) {
            where.append(" AND due_date <= :dueTo");
            params.put("dueTo", q.dueTo());
        }
        if (q.owner() != null) {
            where.append(" AND contract_owner = :owner");
            params.put("owner", q.owner());
        }
        if (q.responsible() != null) {
            where.append(" AND responsible = :responsible");
            params.put("responsible", q.responsible());
        }
        if (q.contractId() != null) {
            where.append(" AND contract_id = :contractId");
            params.put("contractId", q.contractId());
        }
        return where.toString();
    }

    /** One move, only from the state and version it was read in: false when someone else moved it first. */
    boolean move(Obligation before, ObligationStatus to, String reason, LocalDate completedOn, String by, String note,
                 Instant at) {
        return jdbc.sql("UPDATE obligation SET status = ?, status_reason = ?, completed_on = ?, completed_at = ?,"
                        + " completed_by = ?, note = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? AND status = ?")
                .params(to.name(), reason, completedOn, to == ObligationStatus.DONE ? DbTime.toDb(at) : null,
                        to == ObligationStatus.DONE || to == ObligationStatus.WAIVED ? by : null, note,
                        DbTime.toDb(at), before.id(), before.version(), before.status().name())
                .update() == 1;
    }

    /** A done obligation's day of completion, corrected (a payment now settled by other receipts). */
    boolean changeCompletedOn(String id, int version, LocalDate completedOn, Instant at) {
        return jdbc.sql("UPDATE obligation SET completed_on = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? AND status = 'DONE'")
                .params(completedOn, DbTime.toDb(at), id, version).update() == 1;
    }

    void changeDue(String id, LocalDate due, String trigger, Instant at) {
        jdbc.sql("UPDATE obligation SET due_date = ?, due_trigger = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ?")
                .params(due, trigger, DbTime.toDb(at), id).update();
    }

    /** {@link #changeDue} of a duty over a period, its start with it. */
    void changeDue(String id, LocalDate startsOn, LocalDate due, String trigger, Instant at) {
        jdbc.sql("UPDATE obligation SET starts_on = ?, due_date = ?, due_trigger = ?, updated_at = ?,"
                        + " version = version + 1 WHERE id = ?")
                .params(startsOn, due, trigger, DbTime.toDb(at), id).update();
    }

    void changeResponsible(String id, String responsible, Instant at) {
        jdbc.sql("UPDATE obligation SET responsible = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                .params(responsible, DbTime.toDb(at), id).update();
    }

    /** The contract's owner or customer changed: our side's obligations that followed the owner follow the new one. */
    void followContract(String contractId, String owner, String customerId, Instant at) {
        jdbc.sql("UPDATE obligation SET responsible = ?, updated_at = ?, version = version + 1"
                        + " WHERE contract_id = ? AND side = 'OURS' AND responsible = contract_owner AND contract_owner <> ?")
                .params(owner, DbTime.toDb(at), contractId, owner).update();
        jdbc.sql("UPDATE obligation SET contract_owner = ?, customer_id = ? WHERE contract_id = ?"
                        + " AND (contract_owner <> ? OR customer_id <> ?)")
                .params(owner, customerId, contractId, owner, customerId).update();
    }

    /** The daily scan: one statement over the (status, due_date) index, whatever the number of obligations. */
    int markOverdue(LocalDate today, Instant at) {
        return jdbc.sql("UPDATE obligation SET status = 'OVERDUE', updated_at = ?, version = version + 1"
                        + " WHERE status = 'PENDING' AND due_date < ? AND kind NOT IN ('CONFIDENTIALITY', 'DATA_SHARING')")
                .params(DbTime.toDb(at), today).update();
    }

    /** Duties over a period whose period has ended are kept: done on their last day, by the system. */
    int completeEndedPeriods(LocalDate today, Instant at) {
        return jdbc.sql("UPDATE obligation SET status = 'DONE', completed_on = due_date, completed_at = ?,"
                        + " completed_by = 'system', status_reason = '" + Obligations.PERIOD_ENDED + "', updated_at = ?,"
                        + " version = version + 1"
                        + " WHERE status = 'PENDING' AND due_date < ? AND kind IN ('CONFIDENTIALITY', 'DATA_SHARING')")
                .params(DbTime.toDb(at), DbTime.toDb(at), today).update();
    }

    /** What a reminder needs of an obligation. */
    record Due(String id, String contractId, ObligationKind kind, ObligationSide side, String responsible,
               String contractOwner, String title, LocalDate dueDate) {
    }

    /**
     * Open obligations of the given statuses due within [from, to], not duties over a period and not of the kinds
     * left out, in (due date, id) order after the cursor ({@code afterDue}/{@code afterId}, null: from the first):
     * a page of a keyset walk over the (status, due_date) index.
     */
    List<Due> dueBetween(List<ObligationStatus> statuses, LocalDate from, LocalDate to, List<ObligationKind> leftOut,
                         LocalDate afterDue, String afterId, int limit) {
        var excluded = new java.util.ArrayList<String>(List.of(ObligationKind.CONFIDENTIALITY.name(),
                ObligationKind.DATA_SHARING.name()));
        leftOut.forEach(k -> excluded.add(k.name()));
        var sql = new StringBuilder("SELECT id, contract_id, kind, side, responsible, contract_owner, title, due_date"
                + " FROM obligation WHERE status IN (:statuses) AND due_date >= :from AND due_date <= :to"
                + " AND kind NOT IN (:excluded)");
        var spec = new java.util.HashMap<String, Object>();
        spec.put("statuses", statuses.stream().map(Enum::name).toList());
        spec.put("from", from);
        spec.put("to", to);
        spec.put("excluded", excluded);
        if (afterDue != null) {
            sql.append(" AND (due_date > :afterDue OR (due_date = :afterDue AND id > :afterId))");
            spec.put("afterDue", afterDue);
            spec.put("afterId", afterId);
        }
        sql.append(" ORDER BY due_date, id LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(spec)
                .query((rs, n) -> new Due(rs.getString("id"), rs.getString("contract_id"),
                        ObligationKind.valueOf(rs.getString("kind")), ObligationSide.valueOf(rs.getString("side")),
                        rs.getString("responsible"), rs.getString("contract_owner"), rs.getString("title"),
                        date(rs, "due_date")))
                .list();
    }

    void insertEvidence(String id, Obligation o, String fileName, String contentType, byte[] content, String sha256,
                        boolean shared, Instant at, String by) {
        jdbc.sql("INSERT INTO obligation_evidence (id, obligation_id, contract_id, file_name, content_type, size_bytes,"
                        + " sha256, content, shared_with_customer, uploaded_at, uploaded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .params(id, o.id(), o.contractId(), fileName, contentType, content.length, sha256, content, shared,
                        DbTime.toDb(at), by)
                .update();
    }

    List<Evidence> evidenceOfContract(String contractId) {
        return jdbc.sql("SELECT id, obligation_id, contract_id, file_name, content_type, size_bytes, sha256,"
                        + " shared_with_customer, uploaded_at, uploaded_by FROM obligation_evidence"
                        + " WHERE contract_id = ? ORDER BY uploaded_at, id")
                .param(contractId).query(ObligationStore::mapEvidence).list();
    }

    Optional<Evidence> findEvidence(String id) {
        return jdbc.sql("SELECT id, obligation_id, contract_id, file_name, content_type, size_bytes, sha256,"
                        + " shared_with_customer, uploaded_at, uploaded_by FROM obligation_evidence WHERE id = ?")
                .param(id).query(ObligationStore::mapEvidence).optional();
    }

    byte[] evidenceContent(String id) {
        return jdbc.sql("SELECT content FROM obligation_evidence WHERE id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    static Obligation map(ResultSet rs, int row) throws SQLException {
        BigDecimal value = rs.getBigDecimal("amount_value");
        return new Obligation(rs.getString("id"), rs.getString("contract_id"), rs.getInt("seq"),
                ObligationKind.valueOf(rs.getString("kind")), ObligationSide.valueOf(rs.getString("side")),
                rs.getString("responsible"), rs.getString("contract_owner"), rs.getString("customer_id"),
                rs.getString("title"), rs.getString("description"), date(rs, "starts_on"), date(rs, "due_date"),
                rs.getString("due_trigger"),
                value == null ? null : new Money(value, rs.getString("amount_currency").trim()),
                ObligationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                date(rs, "completed_on"), DbTime.read(rs, "completed_at"), rs.getString("completed_by"),
                rs.getString("note"), DbTime.read(rs, "created_at"), DbTime.read(rs, "updated_at"),
                rs.getInt("version"));
    }

    private static Evidence mapEvidence(ResultSet rs, int row) throws SQLException {
        return new Evidence(rs.getString("id"), rs.getString("obligation_id"), rs.getString("contract_id"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getBoolean("shared_with_customer"), DbTime.read(rs, "uploaded_at"),
                rs.getString("uploaded_by"));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}

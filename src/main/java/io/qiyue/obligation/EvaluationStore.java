package io.qiyue.obligation;

import io.qiyue.security.OwnerScope;
import io.qiyue.shared.Paging;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The evaluation tables (V32). */
@Component
class EvaluationStore {
    private static final String LINK_COLUMNS = "id, contract_id, purpose, obligation_id, contact_id, contact_name,"
            + " contact_email, created_at, created_by, expires_at, used_at, revoked_at, revoked_by, reminded_at";
    private static final String EVALUATION_COLUMNS = "id, contract_id, contract_number, contract_type, contract_owner,"
            + " customer_id, link_id, purpose, obligation_id, obligation_title, confirmed, rating, service_quality,"
            + " confidentiality, sharing_as_agreed, rating_comment, contact_name, submitted_at";
    private static final String CASE_COLUMNS = "id, contract_id, contract_number, contract_title, contract_type,"
            + " contract_owner, customer_id, source, link_id, evaluation_id, obligation_id, category, description,"
            + " reported_by, owner, deadline, status, resolution, created_at, updated_at, updated_by, closed_at, version";

    private final JdbcClient jdbc;

    EvaluationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- links

    /** A link as stored, with the contact's e-mail (which only the mail needs). */
    record LinkRow(String id, String contractId, EvaluationPurpose purpose, String obligationId, String contactId,
                   String contactName, String contactEmail, Instant createdAt, String createdBy, Instant expiresAt,
                   Instant usedAt, Instant revokedAt, String revokedBy, Instant remindedAt) {

        EvaluationLink view(Instant now) {
            var status = revokedAt != null ? EvaluationLink.Status.REVOKED
                    : usedAt != null && purpose.oneUse() ? EvaluationLink.Status.USED
                    : now.isBefore(expiresAt) ? EvaluationLink.Status.ACTIVE : EvaluationLink.Status.EXPIRED;
            return new EvaluationLink(id, contractId, purpose, obligationId, contactId, contactName, createdAt,
                    createdBy, expiresAt, usedAt, revokedAt, status);
        }
    }

    void insertLink(LinkRow row, String tokenHash) {
        jdbc.sql("INSERT INTO evaluation_link (id, contract_id, purpose, obligation_id, token_hash, contact_id,"
                        + " contact_name, contact_email, created_at, created_by, expires_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .params(row.id(), row.contractId(), row.purpose().name(), row.obligationId(), tokenHash,
                        row.contactId(), row.contactName(), row.contactEmail(), DbTime.toDb(row.createdAt()),
                        row.createdBy(), DbTime.toDb(row.expiresAt()))
                .update();
    }

    Optional<LinkRow> linkByToken(String tokenHash) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM evaluation_link WHERE token_hash = ?").param(tokenHash)
                .query(EvaluationStore::mapLink).optional();
    }

    Optional<LinkRow> link(String id) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM evaluation_link WHERE id = ?").param(id)
                .query(EvaluationStore::mapLink).optional();
    }

    List<LinkRow> links(String contractId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM evaluation_link WHERE contract_id = ?"
                        + " ORDER BY created_at DESC, id")
                .param(contractId).query(EvaluationStore::mapLink).list();
    }

    /** Marks a one-use link used, only if nobody used it first: false when it was. */
    boolean use(String linkId, Instant at) {
        return jdbc.sql("UPDATE evaluation_link SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL")
                .params(DbTime.toDb(at), linkId).update() == 1;
    }

    boolean revoke(String linkId, Instant at, String by) {
        return jdbc.sql("UPDATE evaluation_link SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(DbTime.toDb(at), by, linkId).update() == 1;
    }

    /** Whether an obligation has had a confirmation link made already (the event delivered again is a no-op). */
    boolean confirmationAsked(String obligationId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_link WHERE obligation_id = ? AND purpose = 'CONFIRM_OBLIGATION'"
                        + " AND created_at >= ?")
                .params(obligationId, DbTime.toDb(since)).query(Long.class).single() > 0;
    }

    /** Unanswered one-use links older than {@code before} and still valid at {@code now}, each once. */
    void unanswered(Instant before, Instant now, Consumer<LinkRow> sink) {
        jdbc.sql("SELECT " + LINK_COLUMNS + " FROM evaluation_link WHERE purpose IN ('CONFIRM_OBLIGATION', 'PERIODIC')"
                        + " AND used_at IS NULL AND revoked_at IS NULL AND created_at < ? AND expires_at > ?"
                        + " ORDER BY created_at, id")
                .params(DbTime.toDb(before), DbTime.toDb(now)).query(EvaluationStore::mapLink).list()
                .forEach(sink);
    }

    // --- evaluations

    void insertEvaluation(Evaluation e, String linkId) {
        jdbc.sql("INSERT INTO evaluation (" + EVALUATION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(e.id(), e.contractId(), e.contractNumber(), e.contractType(), e.contractOwner(),
                        e.customerId(), linkId, e.purpose().name(), e.obligationId(), e.obligationTitle(),
                        e.confirmed(), e.rating(), e.serviceQuality(), e.confidentiality(), e.sharingAsAgreed(),
                        e.comment(), e.contactName(), DbTime.toDb(e.submittedAt()))
                .update();
    }

    PageResult<Evaluation> evaluations(String contractId, Paging paging) {
        long total = jdbc.sql("SELECT COUNT(*) FROM evaluation WHERE contract_id = ?").param(contractId)
                .query(Long.class).single();
        var items = jdbc.sql("SELECT " + EVALUATION_COLUMNS + " FROM evaluation WHERE contract_id = ?"
                        + " ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?")
                .params(contractId, paging.size(), paging.offset()).query(EvaluationStore::mapEvaluation).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    List<Evaluation> evaluations(String contractId) {
        return jdbc.sql("SELECT " + EVALUATION_COLUMNS + " FROM evaluation WHERE contract_id = ?"
                        + " ORDER BY submitted_at DESC, id")
                .param(contractId).query(EvaluationStore::mapEvaluation).list();
    }

    Optional<Evaluation> evaluationOfLink(String linkId) {
        return jdbc.sql("SELECT " + EVALUATION_COLUMNS + " FROM evaluation WHERE link_id = ?").param(linkId)
                .query(EvaluationStore::mapEvaluation).optional();
    }

    /** One group of the averages: its key, how many answers, their average rating and aspects (null: none). */
    record Averages(String key, long evaluations, Double rating, Double serviceQuality, Double confidentiality,
                    Double sharingAsAgreed, long low) {
    }

    /** Averages grouped by {@code column} (a fixed column name, never input), within the owners of {@code scope}. */
    List<Averages> averages(String column, OwnerScope scope) {
        var sql = new StringBuilder("SELECT " + column + " AS group_key, COUNT(*) AS n, AVG(CAST(rating AS DECIMAL(9,4))) AS r,"
                + " AVG(CAST(service_quality AS DECIMAL(9,4))) AS sq, AVG(CAST(confidentiality AS DECIMAL(9,4))) AS cf,"
                + " AVG(CAST(sharing_as_agreed AS DECIMAL(9,4))) AS sh,"
                // low as EvaluationRules.low counts it: the overall rating or any aspect asked at 2 or below
                + " SUM(CASE WHEN rating <= 2 OR service_quality <= 2 OR confidentiality <= 2 OR sharing_as_agreed <= 2"
                + " THEN 1 ELSE 0 END) AS low FROM evaluation");
        var params = new ArrayList<Object>();
        if (!scope.all()) {
            sql.append(" WHERE contract_owner IN (").append(String.join(",", scope.owners().stream().map(o -> "?").toList()))
                    .append(")");
            params.addAll(scope.owners());
        }
        sql.append(" GROUP BY ").append(column).append(" ORDER BY ").append(column);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Averages(rs.getString("group_key"),
                rs.getLong("n"), decimal(rs, "r"), decimal(rs, "sq"), decimal(rs, "cf"), decimal(rs, "sh"),
                rs.getLong("low"))).list();
    }

    /** Cases not yet resolved of contracts whose owner is in the scope, and how many of them are past their deadline. */
    long[] openCases(OwnerScope scope, LocalDate today) {
        if (scope.isEmpty()) {
            return new long[]{0, 0};
        }
        var params = new java.util.HashMap<String, Object>();
        params.put("today", today);
        String owners = "";
        if (!scope.all()) {
            owners = " AND contract_owner IN (:owners)";
            params.put("owners", List.copyOf(scope.owners()));
        }
        long[] out = new long[2];
        jdbc.sql("SELECT COUNT(*) AS n, SUM(CASE WHEN deadline < :today THEN 1 ELSE 0 END) AS late FROM concern_case"
                        + " WHERE status IN ('OPEN', 'IN_PROGRESS')" + owners)
                .params(params)
                .query(rs -> {
                    out[0] = rs.getLong("n");
                    out[1] = rs.getLong("late");
                });
        return out;
    }

    /** The numbers and titles of contracts, from the evaluations' copies (for the summary by contract). */
    java.util.Map<String, String> contractNumbers(java.util.Collection<String> contractIds) {
        var out = new java.util.HashMap<String, String>();
        if (contractIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT DISTINCT contract_id, contract_number FROM evaluation WHERE contract_id IN ("
                        + String.join(",", contractIds.stream().map(i -> "?").toList()) + ")")
                .params(new ArrayList<Object>(contractIds))
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    // --- cases

    void insertCase(ConcernCase c, String linkId) {
        jdbc.sql("INSERT INTO concern_case (" + CASE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(c.id(), c.contractId(), c.contractNumber(), c.contractTitle(), c.contractType(),
                        c.contractOwner(), c.customerId(), c.source().name(), linkId, c.evaluationId(),
                        c.obligationId(), c.category().name(), c.description(), c.reportedBy(), c.owner(),
                        c.deadline(), c.status().name(), c.resolution(), DbTime.toDb(c.createdAt()),
                        DbTime.toDb(c.updatedAt()), c.updatedBy(), DbTime.toDb(c.closedAt()), c.version())
                .update();
    }

    Optional<ConcernCase> findCase(String id) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM concern_case WHERE id = ?").param(id)
                .query(EvaluationStore::mapCase).optional();
    }

    List<ConcernCase> casesOfContract(String contractId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM concern_case WHERE contract_id = ? ORDER BY created_at DESC, id")
                .param(contractId).query(EvaluationStore::mapCase).list();
    }

    /** The filters of the cases list. */
    record CaseQuery(CaseStatus status, Boolean open, CaseCategory category, String contractId, String owner) {
    }

    PageResult<ConcernCase> cases(CaseQuery q, OwnerScope scope, Paging paging) {
        var params = new ArrayList<Object>();
        String where = caseWhere(q, scope, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM concern_case" + where).params(params).query(Long.class).single();
        var pageParams = new ArrayList<>(params);
        pageParams.add(paging.size());
        pageParams.add(paging.offset());
        var items = jdbc.sql("SELECT " + CASE_COLUMNS + " FROM concern_case" + where + " ORDER BY " + paging.orderBy()
                        + ", id LIMIT ? OFFSET ?")
                .params(pageParams).query(EvaluationStore::mapCase).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /**
     * Every case the filters select, in the list's order, in batches read from a cursor (exports): the caller
     * holds a read-only transaction, without which PostgreSQL reads the whole result before the first row.
     */
    void forEachCase(CaseQuery q, OwnerScope scope, Paging order, int batchSize, Consumer<List<ConcernCase>> each) {
        var params = new ArrayList<Object>();
        String where = caseWhere(q, scope, params);
        var batch = new ArrayList<ConcernCase>(batchSize);
        jdbc.sql("SELECT " + CASE_COLUMNS + " FROM concern_case" + where + " ORDER BY " + order.orderBy() + ", id")
                .withFetchSize(batchSize).params(params).query(rs -> {
                    batch.add(mapCase(rs, 0));
                    if (batch.size() == batchSize) {
                        each.accept(List.copyOf(batch));
                        batch.clear();
                    }
                });
        if (!batch.isEmpty()) {
            each.accept(List.copyOf(batch));
        }
    }

    private static String caseWhere(CaseQuery q, OwnerScope scope, List<Object> params) {
        var where = new StringBuilder(" WHERE 1=1");
        if (!scope.all()) {
            where.append(" AND (contract_owner IN (").append(String.join(",", scope.owners().stream().map(o -> "?").toList()))
                    .append(") OR owner IN (").append(String.join(",", scope.owners().stream().map(o -> "?").toList()))
                    .append("))");
            params.addAll(scope.owners());
            params.addAll(scope.owners());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            params.add(q.status().name());
        }
        if (Boolean.TRUE.equals(q.open())) {
            where.append(" AND status IN ('OPEN', 'IN_PROGRESS')");
        } else if (Boolean.FALSE.equals(q.open())) {
            where.append(" AND status IN ('RESOLVED', 'CLOSED')");
        }
        if (q.category() != null) {
            where.append(" AND category = ?");
            params.add(q.category().name());
        }
        if (q.contractId() != null) {
            where.append(" AND contract_id = ?");
            params.add(q.contractId());
        }
        if (q.owner() != null) {
            where.append(" AND owner = ?");
            params.add(q.owner());
        }
        return where.toString();
    }

    boolean updateCase(ConcernCase before, ConcernCase after) {
        return jdbc.sql("UPDATE concern_case SET owner = ?, deadline = ?, status = ?, resolution = ?, updated_at = ?,"
                        + " updated_by = ?, closed_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(after.owner(), after.deadline(), after.status().name(), after.resolution(),
                        DbTime.toDb(after.updatedAt()), after.updatedBy(), DbTime.toDb(after.closedAt()), before.id(),
                        before.version())
                .update() == 1;
    }

    /** Open cases whose deadline is between the two days, for the reminders. */
    void casesDue(LocalDate from, LocalDate to, Consumer<ConcernCase> sink) {
        jdbc.sql("SELECT " + CASE_COLUMNS + " FROM concern_case WHERE status IN ('OPEN', 'IN_PROGRESS')"
                        + " AND deadline >= ? AND deadline <= ? ORDER BY deadline, id")
                .params(from, to).query(EvaluationStore::mapCase).list().forEach(sink);
    }

    // --- schedules

    record Schedule(String contractId, int intervalDays, LocalDate nextOn, Instant updatedAt, String updatedBy,
                    int version) {
    }

    Optional<Schedule> schedule(String contractId) {
        return jdbc.sql("SELECT contract_id, interval_days, next_on, updated_at, updated_by, version"
                        + " FROM evaluation_schedule WHERE contract_id = ?")
                .param(contractId).query(EvaluationStore::mapSchedule).optional();
    }

    void insertSchedule(Schedule s) {
        jdbc.sql("INSERT INTO evaluation_schedule (contract_id, interval_days, next_on, updated_at, updated_by, version)"
                        + " VALUES (?,?,?,?,?,?)")
                .params(s.contractId(), s.intervalDays(), s.nextOn(), DbTime.toDb(s.updatedAt()), s.updatedBy(),
                        s.version())
                .update();
    }

    boolean updateSchedule(String contractId, int expectedVersion, int intervalDays, LocalDate nextOn, Instant at,
                           String by) {
        return jdbc.sql("UPDATE evaluation_schedule SET interval_days = ?, next_on = ?, updated_at = ?, updated_by = ?,"
                        + " version = version + 1 WHERE contract_id = ? AND version = ?")
                .params(intervalDays, nextOn, DbTime.toDb(at), by, contractId, expectedVersion).update() == 1;
    }

    /** The next periodic evaluation moved by the calendar (not a user's change: the version stays). */
    boolean moveNext(String contractId, LocalDate from, LocalDate to) {
        return jdbc.sql("UPDATE evaluation_schedule SET next_on = ? WHERE contract_id = ? AND next_on = ?")
                .params(to, contractId, from).update() == 1;
    }

    /**
     * Contracts with obligations (so signed once) whose periodic evaluations have not started: no schedule, or an
     * interval set before signing. The calendar starts them.
     */
    List<String> plannedWithoutSchedule(int limit) {
        return jdbc.sql("SELECT p.contract_id FROM obligation_plan p LEFT JOIN evaluation_schedule s"
                        + " ON s.contract_id = p.contract_id WHERE s.contract_id IS NULL OR s.next_on IS NULL"
                        + " ORDER BY p.contract_id LIMIT ?")
                .param(limit).query(String.class).list();
    }

    void startSchedule(String contractId, LocalDate nextOn) {
        jdbc.sql("UPDATE evaluation_schedule SET next_on = ? WHERE contract_id = ? AND next_on IS NULL")
                .params(nextOn, contractId).update();
    }

    Instant plannedAt(String contractId) {
        return jdbc.sql("SELECT generated_at FROM obligation_plan WHERE contract_id = ?").param(contractId)
                .query((rs, n) -> DbTime.read(rs, "generated_at")).optional().orElse(null);
    }

    List<Schedule> schedulesDue(LocalDate today, int limit) {
        return jdbc.sql("SELECT contract_id, interval_days, next_on, updated_at, updated_by, version"
                        + " FROM evaluation_schedule WHERE next_on <= ? ORDER BY next_on, contract_id LIMIT ?")
                .params(today, limit).query(EvaluationStore::mapSchedule).list();
    }

    // --- copies of the contract

    void followContract(String contractId, String owner, String customerId) {
        jdbc.sql("UPDATE evaluation SET contract_owner = ?, customer_id = ? WHERE contract_id = ?"
                        + " AND (contract_owner <> ? OR customer_id <> ?)")
                .params(owner, customerId, contractId, owner, customerId).update();
        jdbc.sql("UPDATE concern_case SET contract_owner = ?, customer_id = ? WHERE contract_id = ?"
                        + " AND (contract_owner <> ? OR customer_id <> ?)")
                .params(owner, customerId, contractId, owner, customerId).update();
    }

    // --- mapping

    private static LinkRow mapLink(ResultSet rs, int row) throws SQLException {
        return new LinkRow(rs.getString("id"), rs.getString("contract_id"),
                EvaluationPurpose.valueOf(rs.getString("purpose")), rs.getString("obligation_id"),
                rs.getString("contact_id"), rs.getString("contact_name"), rs.getString("contact_email"),
                DbTime.read(rs, "created_at"), rs.getString("created_by"), DbTime.read(rs, "expires_at"),
                DbTime.read(rs, "used_at"), DbTime.read(rs, "revoked_at"), rs.getString("revoked_by"),
                DbTime.read(rs, "reminded_at"));
    }

    private static Evaluation mapEvaluation(ResultSet rs, int row) throws SQLException {
        boolean confirmed = rs.getBoolean("confirmed");
        Boolean confirmation = rs.wasNull() ? null : confirmed;
        return new Evaluation(rs.getString("id"), rs.getString("contract_id"), rs.getString("contract_number"),
                rs.getString("contract_type"), rs.getString("contract_owner"), rs.getString("customer_id"),
                EvaluationPurpose.valueOf(rs.getString("purpose")), rs.getString("obligation_id"),
                rs.getString("obligation_title"), confirmation, rs.getInt("rating"), integer(rs, "service_quality"),
                integer(rs, "confidentiality"), integer(rs, "sharing_as_agreed"), rs.getString("rating_comment"),
                rs.getString("contact_name"), DbTime.read(rs, "submitted_at"));
    }

    private static ConcernCase mapCase(ResultSet rs, int row) throws SQLException {
        return new ConcernCase(rs.getString("id"), rs.getString("contract_id"), rs.getString("contract_number"),
                rs.getString("contract_title"), rs.getString("contract_type"), rs.getString("contract_owner"),
                rs.getString("customer_id"), CaseSource.valueOf(rs.getString("source")), rs.getString("evaluation_id"),
                rs.getString("obligation_id"), CaseCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getString("reported_by"), rs.getString("owner"),
                ObligationStore.date(rs, "deadline"), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("resolution"), DbTime.read(rs, "created_at"), DbTime.read(rs, "updated_at"),
                rs.getString("updated_by"), DbTime.read(rs, "closed_at"), rs.getInt("version"));
    }

    private static Schedule mapSchedule(ResultSet rs, int row) throws SQLException {
        return new Schedule(rs.getString("contract_id"), rs.getInt("interval_days"), ObligationStore.date(rs, "next_on"),
                DbTime.read(rs, "updated_at"), rs.getString("updated_by"), rs.getInt("version"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Double decimal(ResultSet rs, String column) throws SQLException {
        var v = rs.getBigDecimal(column);
        return v == null ? null : v.doubleValue();
    }
}

package io.qiyue.review;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contract_review table: one row per contract, replaced by each new review. */
@Component
class ReviewStore {
    private static final TypeReference<List<RawFinding>> FINDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<RuleError>> ERRORS = new TypeReference<>() {
    };

    record Row(String contractId, int contractVersion, Evaluation evaluation, Instant reviewedAt, String reviewedBy) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AcceptanceStore acceptances;

    ReviewStore(JdbcClient jdbc, JsonMapper json, AcceptanceStore acceptances) {
        this.jdbc = jdbc;
        this.json = json;
        this.acceptances = acceptances;
    }

    /**
     * Stores the contract's last review: an update, or the first review's insert. First reviews of one contract
     * are serialised on the contract's row (READ COMMITTED sees the row a concurrent first review committed),
     * so that two never both insert: PostgreSQL would abort the loser's transaction, MariaDB deadlock.
     */
    void save(Row row) {
        var e = row.evaluation();
        String findings = json.writeValueAsString(e.findings());
        String errors = json.writeValueAsString(e.errors());
        int open = openWarnings(row);
        if (update(row, findings, errors, open) == 0) {
            lockContract(jdbc, row.contractId());
            if (update(row, findings, errors, open) == 0) {
                insert(row, findings, errors, open);
            }
        }
    }

    /**
     * The first review of a contract just created in this transaction: no row to update and no acceptance yet
     * (every warning is open), so one insert instead of the update-lock-update-insert of {@link #save}.
     */
    void saveFirst(Row row) {
        var e = row.evaluation();
        insert(row, json.writeValueAsString(e.findings()), json.writeValueAsString(e.errors()),
                (int) e.count(Severity.WARNING));
    }

    /** The first reviews of many contracts just created in this transaction, each as {@link #saveFirst} stores it. */
    void saveFirstAll(List<Row> rows) {
        var values = new java.util.ArrayList<Object[]>(rows.size());
        for (Row row : rows) {
            var e = row.evaluation();
            values.add(new Object[]{row.contractId(), row.contractVersion(), e.rulesetVersion(), e.settingsRevision(),
                    json.writeValueAsString(e.findings()), json.writeValueAsString(e.errors()),
                    (int) e.count(Severity.BLOCKER), (int) e.count(Severity.WARNING), (int) e.count(Severity.INFO),
                    (int) e.count(Severity.WARNING), DbTime.toDb(row.reviewedAt()), row.reviewedBy()});
        }
        io.qiyue.shared.persistence.MultiRowInsert.insert(jdbc, "contract_review", List.of("contract_id",
                "contract_version", "ruleset_version", "settings_revision", "findings", "errors", "blockers", "warnings",
                "infos", "open_warnings", "reviewed_at", "reviewed_by"), values);
    }

    private void insert(Row row, String findings, String errors, int open) {
        var e = row.evaluation();
        jdbc.sql("INSERT INTO contract_review (contract_id, contract_version, ruleset_version, settings_revision,"
                        + " findings, errors, blockers, warnings, infos, open_warnings, reviewed_at, reviewed_by)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(row.contractId(), row.contractVersion(), e.rulesetVersion(), e.settingsRevision(),
                        findings, errors, (int) e.count(Severity.BLOCKER), (int) e.count(Severity.WARNING),
                        (int) e.count(Severity.INFO), open, DbTime.toDb(row.reviewedAt()), row.reviewedBy())
                .update();
    }

    /** The review's warnings that none of the contract's acceptances covers (as the panel counts them). */
    private int openWarnings(Row row) {
        var warnings = row.evaluation().findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
        if (warnings.isEmpty()) {
            return 0;
        }
        var accepted = acceptances.of(row.contractId());
        return (int) warnings.stream().filter(f -> accepted.stream().noneMatch(a -> a.covers(f))).count();
    }

    private int update(Row row, String findings, String errors, int openWarnings) {
        var e = row.evaluation();
        return jdbc.sql("UPDATE contract_review SET contract_version = ?, ruleset_version = ?,"
                        + " settings_revision = ?, findings = ?, errors = ?, blockers = ?, warnings = ?, infos = ?,"
                        + " open_warnings = ?, reviewed_at = ?, reviewed_by = ? WHERE contract_id = ?")
                .params(row.contractVersion(), e.rulesetVersion(), e.settingsRevision(), findings, errors,
                        (int) e.count(Severity.BLOCKER), (int) e.count(Severity.WARNING), (int) e.count(Severity.INFO),
                        openWarnings, DbTime.toDb(row.reviewedAt()), row.reviewedBy(), row.contractId())
                .update();
    }

    /** Holds the contract's row lock until the transaction ends (the review tables reference that row). */
    static void lockContract(JdbcClient jdbc, String contractId) {
        jdbc.sql("SELECT id FROM contract WHERE id = ? FOR UPDATE").param(contractId).query(String.class).optional();
    }

    /** Moves the stored review of a contract from one version to the next (same content, e.g. a status change). */
    void carryForward(String contractId, int from, int to) {
        jdbc.sql("UPDATE contract_review SET contract_version = ? WHERE contract_id = ? AND contract_version = ?")
                .params(to, contractId, from).update();
    }

    /** The stored findings of several contracts (those never reviewed are absent). */
    java.util.Map<String, Evaluation> findAll(java.util.Collection<String> contractIds) {
        var out = new java.util.HashMap<String, Evaluation>();
        if (contractIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT contract_id, ruleset_version, settings_revision, findings, errors FROM contract_review"
                        + " WHERE contract_id IN (:ids)")
                .param("ids", List.copyOf(contractIds))
                .query(rs -> {
                    out.put(rs.getString("contract_id"), evaluation(rs));
                });
        return out;
    }

    Optional<Row> find(String contractId) {
        return jdbc.sql("SELECT contract_id, contract_version, ruleset_version, settings_revision, findings, errors,"
                        + " reviewed_at, reviewed_by FROM contract_review WHERE contract_id = ?")
                .param(contractId)
                .query((rs, n) -> new Row(rs.getString("contract_id"), rs.getInt("contract_version"), evaluation(rs),
                        DbTime.read(rs, "reviewed_at"), rs.getString("reviewed_by")))
                .optional();
    }

    private Evaluation evaluation(java.sql.ResultSet rs) throws java.sql.SQLException {
        int revision = rs.getInt("settings_revision");
        return new Evaluation(rs.getString("ruleset_version"), rs.wasNull() ? null : revision,
                json.readValue(rs.getString("findings"), FINDINGS), json.readValue(rs.getString("errors"), ERRORS));
    }
}

package io.qiyue.review;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The contract_document_review table: the last review of each uploaded document, one row per contract and
 * version, replaced by the next review of that document. Never read by the gate.
 */
@Component
class DocumentReviewStore {
    private static final TypeReference<List<RawFinding>> FINDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<RuleError>> ERRORS = new TypeReference<>() {
    };

    record Row(String contractId, int version, String fileName, String sha256, int contractVersion,
               Evaluation evaluation, Instant reviewedAt, String reviewedBy) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DocumentReviewStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a document's last review; first reviews are serialised like the contract's own ({@link ReviewStore#save}). */
    void save(Row row) {
        var e = row.evaluation();
        String findings = json.writeValueAsString(e.findings());
        String errors = json.writeValueAsString(e.errors());
        if (update(row, findings, errors) == 0) {
            ReviewStore.lockContract(jdbc, row.contractId());
            if (update(row, findings, errors) == 0) {
                jdbc.sql("INSERT INTO contract_document_review (contract_id, doc_version, file_name, sha256,"
                                + " contract_version, ruleset_version, settings_revision, findings, errors, blockers,"
                                + " warnings, infos, reviewed_at, reviewed_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                        .params(row.contractId(), row.version(), row.fileName(), row.sha256(), row.contractVersion(),
                                e.rulesetVersion(), e.settingsRevision(), findings, errors,
                                (int) e.count(Severity.BLOCKER), (int) e.count(Severity.WARNING),
                                (int) e.count(Severity.INFO), DbTime.toDb(row.reviewedAt()), row.reviewedBy())
                        .update();
            }
        }
    }

    private int update(Row row, String findings, String errors) {
        var e = row.evaluation();
        return jdbc.sql("UPDATE contract_document_review SET file_name = ?, sha256 = ?, contract_version = ?,"
                        + " ruleset_version = ?, settings_revision = ?, findings = ?, errors = ?, blockers = ?,"
                        + " warnings = ?, infos = ?, reviewed_at = ?, reviewed_by = ? WHERE contract_id = ?"
                        + " AND doc_version = ?")
                .params(row.fileName(), row.sha256(), row.contractVersion(), e.rulesetVersion(), e.settingsRevision(),
                        findings, errors, (int) e.count(Severity.BLOCKER), (int) e.count(Severity.WARNING),
                        (int) e.count(Severity.INFO), DbTime.toDb(row.reviewedAt()), row.reviewedBy(),
                        row.contractId(), row.version())
                .update();
    }

    void delete(String contractId, int version) {
        jdbc.sql("DELETE FROM contract_document_review WHERE contract_id = ? AND doc_version = ?")
                .params(contractId, version).update();
    }

    Optional<Row> find(String contractId, int version) {
        return jdbc.sql("SELECT contract_id, doc_version, file_name, sha256, contract_version, ruleset_version,"
                        + " settings_revision, findings, errors, reviewed_at, reviewed_by FROM contract_document_review"
                        + " WHERE contract_id = ? AND doc_version = ?")
                .param(contractId).param(version)
                .query((rs, n) -> new Row(rs.getString("contract_id"), rs.getInt("doc_version"),
                        rs.getString("file_name"), rs.getString("sha256"), rs.getInt("contract_version"),
                        new Evaluation(rs.getString("ruleset_version"), rs.getObject("settings_revision", Integer.class),
                                json.readValue(rs.getString("findings"), FINDINGS),
                                json.readValue(rs.getString("errors"), ERRORS)),
                        DbTime.read(rs, "reviewed_at"), rs.getString("reviewed_by")))
                .optional();
    }
}

package io.qiyue.review;

import io.qiyue.shared.Hashes;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The review_finding_acceptance table: one row per accepted finding (rule, path and span start). */
@Component
class AcceptanceStore {
    /** The span start of an acceptance that covers every finding of its rule at its path. */
    static final int WHOLE_PATH = -1;

    /**
     * @param spanStart where the accepted words start inside the text at {@code path}, or {@link #WHOLE_PATH}
     * @param acceptedFindings the {@link #signature}s of the findings accepted, comma-separated; null for
     *                         acceptances made before they were recorded
     */
    record Row(String contractId, String ruleId, String path, int spanStart, String fingerprint,
               int contractVersion, String reason, String acceptedBy, Instant acceptedAt, String acceptedFindings) {
        Acceptance acceptance() {
            return new Acceptance(acceptedBy, acceptedAt, reason);
        }

        /** Whether this acceptance covers the finding: same rule, path and words, saying what was accepted. */
        boolean covers(RawFinding finding) {
            return ruleId.equals(finding.ruleId()) && path.equals(finding.path())
                    && (spanStart == WHOLE_PATH || (finding.span() != null && finding.span().start() == spanStart))
                    && (acceptedFindings == null || List.of(acceptedFindings.split(",")).contains(signature(finding)));
        }

        String describe() {
            return "accepted " + ruleId + " " + path + (spanStart == WHOLE_PATH ? "" : " @" + spanStart);
        }
    }

    /** What a finding says, in 16 hex digits: its message code and arguments. */
    static String signature(RawFinding finding) {
        return Hashes.sha256Hex(finding.messageCode() + "\u0000" + String.join("\u0001", finding.args()))
                .substring(0, 16);
    }

    private final JdbcClient jdbc;

    AcceptanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> of(String contractId) {
        return jdbc.sql("SELECT contract_id, rule_id, path, span_start, fingerprint, contract_version, reason,"
                        + " accepted_by, accepted_at, accepted_findings FROM review_finding_acceptance"
                        + " WHERE contract_id = ?"
                        + " ORDER BY rule_id, path, span_start")
                .param(contractId)
                .query((rs, n) -> new Row(rs.getString("contract_id"), rs.getString("rule_id"), rs.getString("path"),
                        rs.getInt("span_start"), rs.getString("fingerprint"), rs.getInt("contract_version"),
                        rs.getString("reason"), rs.getString("accepted_by"), DbTime.read(rs, "accepted_at"),
                        rs.getString("accepted_findings")))
                .list();
    }

    /** Inserts or replaces the acceptance of (contract, rule, path, span start). */
    void save(Row row) {
        delete(row);
        jdbc.sql("INSERT INTO review_finding_acceptance (contract_id, rule_id, path, span_start, fingerprint,"
                        + " contract_version, reason, accepted_by, accepted_at, accepted_findings)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(row.contractId(), row.ruleId(), row.path(), row.spanStart(), row.fingerprint(),
                        row.contractVersion(), row.reason(), row.acceptedBy(), DbTime.toDb(row.acceptedAt()),
                        row.acceptedFindings())
                .update();
    }

    void delete(Row row) {
        jdbc.sql("DELETE FROM review_finding_acceptance WHERE contract_id = ? AND rule_id = ? AND path = ?"
                        + " AND span_start = ?")
                .params(row.contractId(), row.ruleId(), row.path(), row.spanStart()).update();
    }
}

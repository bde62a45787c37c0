package io.qiyue.review;

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
     */
    record Row(String contractId, String ruleId, String path, int spanStart, String fingerprint,
               int contractVersion, String reason, String acceptedBy, Instant acceptedAt) {
        Acceptance acceptance() {
            return new Acceptance(acceptedBy, acceptedAt, reason);
        }

        boolean covers(Finding finding) {
            return ruleId.equals(finding.ruleId()) && path.equals(finding.path())
                    && (spanStart == WHOLE_PATH || (finding.span() != null && finding.span().start() == spanStart));
        }

        String describe() {
            return "accepted " + ruleId + " " + path + (spanStart == WHOLE_PATH ? "" : " @" + spanStart);
        }
    }

    private final JdbcClient jdbc;

    AcceptanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> of(String contractId) {
        return jdbc.sql("SELECT contract_id, rule_id, path, span_start, fingerprint, contract_version, reason,"
                        + " accepted_by, accepted_at FROM review_finding_acceptance WHERE contract_id = ?"
                        + " ORDER BY rule_id, path, span_start")
                .param(contractId)
                .query((rs, n) -> new Row(rs.getString("contract_id"), rs.getString("rule_id"), rs.getString("path"),
                        rs.getInt("span_start"), rs.getString("fingerprint"), rs.getInt("contract_version"),
                        rs.getString("reason"), rs.getString("accepted_by"), DbTime.read(rs, "accepted_at")))
                .list();
    }

    /** Inserts or replaces the acceptance of (contract, rule, path, span start). */
    void save(Row row) {
        delete(row);
        jdbc.sql("INSERT INTO review_finding_acceptance (contract_id, rule_id, path, span_start, fingerprint,"
                        + " contract_version, reason, accepted_by, accepted_at) VALUES (?,?,?,?,?,?,?,?,?)")
                .params(row.contractId(), row.ruleId(), row.path(), row.spanStart(), row.fingerprint(),
                        row.contractVersion(), row.reason(), row.acceptedBy(), DbTime.toDb(row.acceptedAt()))
                .update();
    }

    void delete(Row row) {
        jdbc.sql("DELETE FROM review_finding_acceptance WHERE contract_id = ? AND rule_id = ? AND path = ?"
                        + " AND span_start = ?")
                .params(row.contractId(), row.ruleId(), row.path(), row.spanStart()).update();
    }
}

package io.qiyue.review;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The review_acceptance table. */
@Component
class AcceptanceStore {

    record Row(String contractId, String ruleId, String path, String fingerprint, int contractVersion, String reason,
               String acceptedBy, Instant acceptedAt) {
        Acceptance acceptance() {
            return new Acceptance(acceptedBy, acceptedAt, reason);
        }
    }

    private final JdbcClient jdbc;

    AcceptanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> of(String contractId) {
        return jdbc.sql("SELECT contract_id, rule_id, path, fingerprint, contract_version, reason, accepted_by,"
                        + " accepted_at FROM review_acceptance WHERE contract_id = ? ORDER BY rule_id, path")
                .param(contractId)
                .query((rs, n) -> new Row(rs.getString("contract_id"), rs.getString("rule_id"), rs.getString("path"),
                        rs.getString("fingerprint"), rs.getInt("contract_version"), rs.getString("reason"),
                        rs.getString("accepted_by"), DbTime.read(rs, "accepted_at")))
                .list();
    }

    /** Inserts or replaces the acceptance of (contract, rule, path). */
    void save(Row row) {
        delete(row.contractId(), row.ruleId(), row.path());
        jdbc.sql("INSERT INTO review_acceptance (contract_id, rule_id, path, fingerprint, contract_version, reason,"
                        + " accepted_by, accepted_at) VALUES (?,?,?,?,?,?,?,?)")
                .params(row.contractId(), row.ruleId(), row.path(), row.fingerprint(), row.contractVersion(),
                        row.reason(), row.acceptedBy(), DbTime.toDb(row.acceptedAt()))
                .update();
    }

    void delete(String contractId, String ruleId, String path) {
        jdbc.sql("DELETE FROM review_acceptance WHERE contract_id = ? AND rule_id = ? AND path = ?")
                .params(contractId, ruleId, path).update();
    }
}

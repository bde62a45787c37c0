package io.qiyue.review;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The review_acceptance_policy table: the admins' choices of who may accept a rule's warnings. */
@Component
class AcceptancePolicyStore {
    record Row(String ruleId, AcceptanceAuthority acceptedBy, int version, String updatedBy, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    AcceptancePolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> all() {
        return jdbc.sql("SELECT rule_id, accepted_by, version, updated_by, updated_at FROM review_acceptance_policy")
                .query((rs, n) -> row(rs)).list();
    }

    Optional<Row> find(String ruleId) {
        return jdbc.sql("SELECT rule_id, accepted_by, version, updated_by, updated_at FROM review_acceptance_policy"
                        + " WHERE rule_id = ?")
                .param(ruleId).query((rs, n) -> row(rs)).optional();
    }

    /** Inserts the first choice; false when another request inserted it first. */
    boolean insert(String ruleId, AcceptanceAuthority acceptedBy, String user, Instant at) {
        try {
            return jdbc.sql("INSERT INTO review_acceptance_policy (rule_id, accepted_by, version, updated_by, updated_at)"
                            + " VALUES (?, ?, 1, ?, ?)")
                    .params(ruleId, acceptedBy.name(), user, DbTime.toDb(at)).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    /** Changes the choice if the row still has {@code expectedVersion}; false when it has not. */
    boolean update(String ruleId, AcceptanceAuthority acceptedBy, int expectedVersion, String user, Instant at) {
        return jdbc.sql("UPDATE review_acceptance_policy SET accepted_by = ?, version = version + 1, updated_by = ?,"
                        + " updated_at = ? WHERE rule_id = ? AND version = ?")
                .params(acceptedBy.name(), user, DbTime.toDb(at), ruleId, expectedVersion).update() == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("rule_id"), AcceptanceAuthority.valueOf(rs.getString("accepted_by")),
                rs.getInt("version"), rs.getString("updated_by"), DbTime.read(rs, "updated_at"));
    }
}

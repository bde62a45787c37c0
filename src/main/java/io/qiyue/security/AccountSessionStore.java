package io.qiyue.security;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rows of {@code account_session}: one per signed-in UI session, ended by its owner or at sign-out. */
@Component
class AccountSessionStore {
    /** What the session filter needs on every request. */
    record Row(String id, String userId, Instant lastUsedAt, Instant endedAt) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("id"), rs.getString("user_id"),
            DbTime.read(rs, "last_used_at"), DbTime.read(rs, "ended_at"));

    private final JdbcClient jdbc;

    AccountSessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String id) {
        return jdbc.sql("SELECT id, user_id, last_used_at, ended_at FROM account_session WHERE id = ?").param(id)
                .query(ROW).optional();
    }

    void insert(String id, String userId, int credentialsVersion, Instant now, String ip, String userAgent) {
        jdbc.sql("INSERT INTO account_session (id, user_id, credentials_version, created_at, last_used_at, ip,"
                        + " user_agent) VALUES (?,?,?,?,?,?,?)")
                .params(id, userId, credentialsVersion, DbTime.toDb(now), DbTime.toDb(now), ip, userAgent).update();
    }

    /** The session goes on under the user's new password (changed in it). */
    void credentialsChanged(String id, int credentialsVersion) {
        jdbc.sql("UPDATE account_session SET credentials_version = ? WHERE id = ?").params(credentialsVersion, id)
                .update();
    }

    void touch(String id, Instant now) {
        jdbc.sql("UPDATE account_session SET last_used_at = ? WHERE id = ?").params(DbTime.toDb(now), id).update();
    }

    /**
     * The user's sessions not ended, made under their present password and used since {@code usedSince}, the most
     * recently used first.
     */
    List<AccountSession> open(String userId, Instant usedSince, String currentId) {
        return jdbc.sql("SELECT s.id, s.created_at, s.last_used_at, s.ip, s.user_agent FROM account_session s"
                        + " JOIN app_user u ON u.id = s.user_id AND u.credentials_version = s.credentials_version"
                        + " WHERE s.user_id = ? AND s.ended_at IS NULL AND s.last_used_at >= ?"
                        + " ORDER BY s.last_used_at DESC, s.created_at DESC")
                .params(userId, DbTime.toDb(usedSince))
                .query((rs, n) -> new AccountSession(rs.getString("id"), DbTime.read(rs, "created_at"),
                        DbTime.read(rs, "last_used_at"), rs.getString("ip"), rs.getString("user_agent"),
                        rs.getString("id").equals(currentId)))
                .list();
    }

    /** Ends one session of the user; whether it was theirs and open. */
    boolean end(String userId, String id, Instant now) {
        return jdbc.sql("UPDATE account_session SET ended_at = ? WHERE id = ? AND user_id = ? AND ended_at IS NULL")
                .params(DbTime.toDb(now), id, userId).update() == 1;
    }

    /** Ends every session of the user but {@code keepId} (null: all of them); how many. */
    int endAllBut(String userId, String keepId, Instant now) {
        if (keepId == null) {
            return jdbc.sql("UPDATE account_session SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL")
                    .params(DbTime.toDb(now), userId).update();
        }
        return jdbc.sql("UPDATE account_session SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL")
                .params(DbTime.toDb(now), userId, keepId).update();
    }

    /** Forgets the user's sessions that ended, or went unused, before {@code before}. */
    void forget(String userId, Instant before) {
        jdbc.sql("DELETE FROM account_session WHERE user_id = ? AND (ended_at < ? OR last_used_at < ?)")
                .params(userId, DbTime.toDb(before), DbTime.toDb(before)).update();
    }
}

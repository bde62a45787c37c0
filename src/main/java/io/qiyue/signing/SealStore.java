package io.qiyue.signing;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seal, seal_user and seal_use tables. Plain JdbcClient: every call joins the caller's transaction. */
@Component
class SealStore {
    private static final String COLUMNS = "id, our_entity_id, kind, name, width, height, image_sha256, active, version,"
            + " created_at, created_by, updated_at, updated_by";
    private static final RowMapper<SealUse> USE = (rs, n) -> new SealUse(rs.getString("id"), rs.getString("seal_id"),
            rs.getString("contract_id"), rs.getString("username"), DbTime.read(rs, "used_at"),
            rs.getString("document_sha256"), rs.getString("purpose"));

    /** A seal row before its users are added. */
    private record Row(String id, String ourEntityId, SealKind kind, String name, int width, int height, String sha256,
                       boolean active, int version, Instant createdAt, String createdBy, Instant updatedAt,
                       String updatedBy) {
        Seal with(List<String> users) {
            return new Seal(id, ourEntityId, kind, name, width, height, sha256, active, users, createdBy, createdAt,
                    updatedBy, updatedAt, version);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("id"), rs.getString("our_entity_id"),
            SealKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getInt("width"), rs.getInt("height"),
            rs.getString("image_sha256"), rs.getBoolean("active"), rs.getInt("version"), DbTime.read(rs, "created_at"),
            rs.getString("created_by"), DbTime.read(rs, "updated_at"), rs.getString("updated_by"));

    private final JdbcClient jdbc;

    SealStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Seal seal, byte[] png) {
        jdbc.sql("INSERT INTO seal (" + COLUMNS + ", image) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(seal.id(), seal.ourEntityId(), seal.kind().name(), seal.name(), seal.width(), seal.height(),
                        seal.sha256(), seal.active(), seal.version(), DbTime.toDb(seal.createdAt()), seal.createdBy(),
                        DbTime.toDb(seal.updatedAt()), seal.updatedBy(), png)
                .update();
        insertUsers(seal.id(), seal.users());
    }

    Optional<Seal> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM seal WHERE id = ?").param(id).query(ROW).optional()
                .map(row -> row.with(users(id)));
    }

    /** The entity's seals, active ones first, then newest first. */
    List<Seal> byEntity(String ourEntityId) {
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM seal WHERE our_entity_id = ? ORDER BY created_at DESC, id")
                .param(ourEntityId).query(ROW).list();
        var users = usersOfEntity(ourEntityId);
        var seals = new ArrayList<Seal>();
        rows.stream().filter(Row::active).forEach(r -> seals.add(r.with(users.getOrDefault(r.id(), List.of()))));
        rows.stream().filter(r -> !r.active()).forEach(r -> seals.add(r.with(users.getOrDefault(r.id(), List.of()))));
        return seals;
    }

    /** Active seals of the entity that {@code username} may use. */
    List<Seal> usableBy(String username, String ourEntityId) {
        var rows = jdbc.sql("SELECT " + prefixed("s") + " FROM seal s JOIN seal_user u ON u.seal_id = s.id"
                        + " WHERE s.our_entity_id = ? AND s.active = ? AND u.username = ? ORDER BY s.kind, s.created_at DESC, s.id")
                .params(ourEntityId, true, username).query(ROW).list();
        var users = usersOfEntity(ourEntityId);
        return rows.stream().map(r -> r.with(users.getOrDefault(r.id(), List.of()))).toList();
    }

    Optional<byte[]> image(String id) {
        return jdbc.sql("SELECT image FROM seal WHERE id = ?").param(id).query((rs, n) -> rs.getBytes("image")).optional();
    }

    /** Replaces the users and bumps the version, if the version is still {@code expectedVersion}; false when not. */
    boolean changeUsers(String id, int expectedVersion, List<String> users, Instant now, String by) {
        if (!bump(id, expectedVersion, now, by)) {
            return false;
        }
        jdbc.sql("DELETE FROM seal_user WHERE seal_id = ?").param(id).update();
        insertUsers(id, users);
        return true;
    }

    boolean deactivate(String id, int expectedVersion, Instant now, String by) {
        return jdbc.sql("UPDATE seal SET active = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")
                .params(false, expectedVersion + 1, DbTime.toDb(now), by, id, expectedVersion).update() == 1;
    }

    void insertUse(SealUse use) {
        jdbc.sql("INSERT INTO seal_use (id, seal_id, contract_id, username, used_at, document_sha256, purpose)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(use.id(), use.sealId(), use.contractId(), use.username(), DbTime.toDb(use.usedAt()),
                        use.documentSha256(), use.purpose())
                .update();
    }

    /** One page of the seal's uses, in the paging's order (ties by id, so that pages do not overlap). */
    PageResult<SealUse> uses(String sealId, Paging paging) {
        long total = jdbc.sql("SELECT COUNT(*) FROM seal_use WHERE seal_id = ?").param(sealId).query(Long.class).single();
        var items = jdbc.sql("SELECT id, seal_id, contract_id, username, used_at, document_sha256, purpose FROM seal_use"
                        + " WHERE seal_id = ? ORDER BY " + paging.orderBy() + ", id LIMIT " + paging.size()
                        + " OFFSET " + paging.offset())
                .param(sealId).query(USE).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private boolean bump(String id, int expectedVersion, Instant now, String by) {
        return jdbc.sql("UPDATE seal SET version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?")
                .params(expectedVersion + 1, DbTime.toDb(now), by, id, expectedVersion).update() == 1;
    }

    private void insertUsers(String sealId, List<String> users) {
        for (String username : users) {
            jdbc.sql("INSERT INTO seal_user (seal_id, username) VALUES (?, ?)").params(sealId, username).update();
        }
    }

    private List<String> users(String sealId) {
        return jdbc.sql("SELECT username FROM seal_user WHERE seal_id = ? ORDER BY username").param(sealId)
                .query(String.class).list();
    }

    /** The users of every seal of the entity in one query, by seal id. */
    private Map<String, List<String>> usersOfEntity(String ourEntityId) {
        var users = new LinkedHashMap<String, List<String>>();
        jdbc.sql("SELECT u.seal_id, u.username FROM seal_user u JOIN seal s ON s.id = u.seal_id"
                        + " WHERE s.our_entity_id = ? ORDER BY u.seal_id, u.username")
                .param(ourEntityId)
                .query(rs -> {
                    users.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return users;
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }
}

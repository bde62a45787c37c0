package io.qiyue.audit;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;

/**
 * Flyway migration 26.1: numbers and hashes the entries written before the chain existed, oldest first by
 * (occurred_at, id), continuing from the chain's head. It runs inside Flyway's migration, under Flyway's
 * lock and before the application serves, on every database alike, so no request can append in between;
 * Spring Boot hands Flyway every {@link JavaMigration} bean.
 *
 * <p>It chains any row without a seq, so it could be run again after rows were copied in from an archive;
 * the PostgreSQL trigger lets an update give a seq to a row that has none and refuses every other update.
 */
@Component
class ChainBackfill implements JavaMigration {
    private static final int BATCH = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("26.1");
    }

    @Override
    public String getDescription() {
        return "audit chain backfill";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        chainUnchained(context.getConnection());
    }

    /** Chains every entry without a seq onto the head; returns how many. The caller owns the transaction. */
    static long chainUnchained(Connection connection) throws SQLException {
        long seq;
        String hash;
        try (var head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
             var rs = head.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        long chained = 0;
        while (true) {
            var batch = new ArrayList<EntryHasher.Content>(BATCH);
            try (var select = connection.prepareStatement("SELECT id, occurred_at, actor, entity_type, entity_id,"
                    + " action, changes, ip, user_agent FROM audit_event WHERE seq IS NULL"
                    + " ORDER BY occurred_at, id LIMIT " + BATCH)) {
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        LocalDateTime at = rs.getObject("occurred_at", LocalDateTime.class);
                        batch.add(new EntryHasher.Content(0, rs.getString("id"), at.toInstant(ZoneOffset.UTC),
                                rs.getString("actor"), rs.getString("entity_type"), rs.getString("entity_id"),
                                rs.getString("action"), rs.getString("changes"), rs.getString("ip"),
                                rs.getString("user_agent")));
                    }
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            try (var update = connection.prepareStatement(
                    "UPDATE audit_event SET seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ?")) {
                for (var legacy : batch) {
                    seq++;
                    var content = new EntryHasher.Content(seq, legacy.id(), legacy.occurredAt(), legacy.actor(),
                            legacy.entityType(), legacy.entityId(), legacy.action(), legacy.changes(), legacy.ip(),
                            legacy.userAgent());
                    String entryHash = EntryHasher.hash(hash, content);
                    update.setLong(1, seq);
                    update.setString(2, hash);
                    update.setString(3, entryHash);
                    update.setString(4, legacy.id());
                    update.addBatch();
                    hash = entryHash;
                }
                update.executeBatch();
            }
            chained += batch.size();
        }
        try (var move = connection.prepareStatement(
                "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            move.setLong(1, seq);
            move.setString(2, hash);
            move.executeUpdate();
        }
        return chained;
    }
}

package io.qiyue.contract;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The change notes of a contract's versions, one row per noted version of the one numbering (saved and extra
 * versions alike). A note cleared stays a row with an empty text, so that its revision, the ETag of the note,
 * keeps counting and an old If-Match can never match again.
 */
@Component
class VersionNotes {
    record Note(String text, int revision) {
    }

    private final JdbcClient jdbc;

    VersionNotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Integer, Note> of(String contractId) {
        var notes = new HashMap<Integer, Note>();
        jdbc.sql("SELECT version, note, revision FROM contract_version_note WHERE contract_id = ?").param(contractId)
                .query((rs, n) -> Map.entry(rs.getInt("version"), new Note(rs.getString("note"), rs.getInt("revision"))))
                .list().forEach(e -> notes.put(e.getKey(), e.getValue()));
        return notes;
    }

    /** Writes the note if its revision is still {@code expectedRevision} (0: none yet); false when it moved on. */
    boolean write(String contractId, int version, int expectedRevision, String text, Instant at, String actor) {
        if (expectedRevision == 0) {
            try {
                return jdbc.sql("INSERT INTO contract_version_note (contract_id, version, note, revision, updated_at,"
                                + " updated_by) VALUES (?, ?, ?, 1, ?, ?)")
                        .params(contractId, version, text, DbTime.toDb(at), actor).update() == 1;
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                return false;
            }
        }
        return jdbc.sql("UPDATE contract_version_note SET note = ?, revision = revision + 1, updated_at = ?,"
                        + " updated_by = ? WHERE contract_id = ? AND version = ? AND revision = ?")
                .params(text, DbTime.toDb(at), actor, contractId, version, expectedRevision).update() == 1;
    }
}

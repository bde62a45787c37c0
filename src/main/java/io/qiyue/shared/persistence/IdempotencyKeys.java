package io.qiyue.shared.persistence;

import io.qiyue.shared.ConflictException;
import io.qiyue.shared.Hashes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency-Key support for creating POSTs. The key is claimed in the same transaction that
 * creates the resource, with the resource's id decided beforehand: if two requests race with one
 * key, the database's primary key makes the second wait for the first and then fail, after which
 * {@link #existing} finds the resource the first one made.
 */
@Component
public class IdempotencyKeys {
    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The resource an earlier request with this key created; 409 when the key was used for a different request. */
    public Optional<String> existing(String principal, String key, String operation, String requestBody) {
        record Row(String operation, String requestHash, String resourceId) {
        }
        var row = jdbc.sql("SELECT operation, request_hash, resource_id FROM idempotency_record"
                        + " WHERE principal = ? AND idem_key = ?")
                .params(principal, key)
                .query((rs, n) -> new Row(rs.getString("operation"), rs.getString("request_hash"),
                        rs.getString("resource_id")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get().operation().equals(operation) || !row.get().requestHash().equals(Hashes.sha256Hex(requestBody))) {
            throw new ConflictException("qiyue.problem.idempotency-mismatch", key);
        }
        return Optional.of(row.get().resourceId());
    }

    /** Claims the key for a resource; call inside the transaction that creates it. */
    public void claim(String principal, String key, String operation, String requestBody, String resourceId,
                      Instant now) {
        jdbc.sql("INSERT INTO idempotency_record (principal, idem_key, operation, request_hash, resource_id, created_at)"
                        + " VALUES (?,?,?,?,?,?)")
                .params(principal, key, operation, Hashes.sha256Hex(requestBody), resourceId, DbTime.toDb(now))
                .update();
    }

    public static void validateKey(String key) {
        if (key.isBlank() || key.length() > 100) {
            throw new io.qiyue.shared.InvalidInputException("Idempotency-Key", "qiyue.validation.size", 1, 100);
        }
    }

}

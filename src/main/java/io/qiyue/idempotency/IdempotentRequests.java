package io.qiyue.idempotency;

import io.qiyue.security.FieldCipher;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Optional;

/**
 * The idempotent_request table. Each statement commits on its own: the claim must be visible to a
 * concurrent duplicate before the first request has finished, which is what makes the duplicate a 409.
 */
@Component
class IdempotentRequests {
    /** How long a key is remembered. */
    static final Duration RETENTION = Duration.ofHours(24);
    /**
     * A claim whose request never finished is given up after this, so the key does not stay blocked for a day; a
     * claim whose instance stopped beating ({@link io.qiyue.shared.Instances}) is given up at once.
     */
    static final Duration ABANDONED = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    IdempotentRequests(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A claim or a finished request: {@code response} is empty while the first request still runs. */
    record Entry(String method, String path, String requestHash, String accessHash, Instant createdAt,
                 String instanceId, Optional<StoredResponse> response) {
    }

    Optional<Entry> find(String principal, String key) {
        return jdbc.sql("SELECT request_method, request_path, request_hash, status, response_headers, response_body,"
                        + " created_at, instance_id, access_hash FROM idempotent_request"
                        + " WHERE principal = ? AND idem_key = ?")
                .params(principal, key)
                .query((rs, n) -> {
                    int status = rs.getInt("status");
                    Optional<StoredResponse> response = rs.wasNull() ? Optional.empty() : Optional.of(
                            new StoredResponse(status, headers(rs.getString("response_headers")),
                                    body(rs.getString("response_body"))));
                    return new Entry(rs.getString("request_method"), rs.getString("request_path"),
                            rs.getString("request_hash"), rs.getString("access_hash"), DbTime.read(rs, "created_at"),
                            rs.getString("instance_id"), response);
                })
                .optional();
    }

    /** Claims the key for a request about to run; false when someone else holds it. */
    boolean claim(String principal, String key, String method, String path, String requestHash, String accessHash,
                  Instant now, String instanceId) {
        jdbc.sql("DELETE FROM idempotent_request WHERE created_at < ?").param(DbTime.toDb(now.minus(RETENTION))).update();
        try {
            jdbc.sql("INSERT INTO idempotent_request (principal, idem_key, request_method, request_path, request_hash,"
                            + " access_hash, created_at, instance_id) VALUES (?,?,?,?,?,?,?,?)")
                    .params(principal, key, method, path, requestHash, accessHash, DbTime.toDb(now), instanceId)
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    void complete(String principal, String key, StoredResponse response) {
        var headers = new StringBuilder();
        for (var h : response.headers()) {
            headers.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        jdbc.sql("UPDATE idempotent_request SET status = ?, response_headers = ?, response_body = ?"
                        + " WHERE principal = ? AND idem_key = ?")
                .params(response.status(), headers.toString(),
                        cipher.encrypt(Base64.getEncoder().encodeToString(response.body())), principal, key)
                .update();
    }

    /**
     * A kept answer is sealed with the data key: it may hold what is never stored in clear elsewhere (an API token's
     * secret, which its table keeps only as a hash; a person's ID number). Rows kept in clear before stay readable.
     */
    private byte[] body(String stored) {
        return Base64.getDecoder().decode(FieldCipher.isSealed(stored) ? cipher.decrypt(stored) : stored);
    }

    /** Gives the key up: the request failed, so a retry must run it again. */
    void release(String principal, String key) {
        jdbc.sql("DELETE FROM idempotent_request WHERE principal = ? AND idem_key = ?").params(principal, key).update();
    }

    /** Forgets an expired or abandoned entry, unless another request has replaced it meanwhile. */
    void forget(String principal, String key, Instant createdAt) {
        jdbc.sql("DELETE FROM idempotent_request WHERE principal = ? AND idem_key = ? AND created_at = ?")
                .params(principal, key, DbTime.toDb(createdAt)).update();
    }

    private static java.util.List<StoredResponse.Header> headers(String stored) {
        var headers = new ArrayList<StoredResponse.Header>();
        for (String line : stored.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.add(new StoredResponse.Header(line.substring(0, colon), line.substring(colon + 2)));
            }
        }
        return headers;
    }
}

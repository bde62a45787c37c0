package io.qiyue.security;

import io.qiyue.shared.persistence.DbTime;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access changes every instance has applied (older than an hour) are deleted by the hourly job; the recent ones,
 * which an instance may still have to apply, stay.
 */
@UsingDatabase(TestDatabase.H2)
class AccessChangePruneH2IT extends ApiTestSupport {
    @Autowired
    AccessChangeRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theHourlyJobDeletesOnlyChangesEveryInstanceHasApplied() {
        String old = "old-" + UUID.randomUUID().toString().substring(0, 8);
        String recent = "new-" + UUID.randomUUID().toString().substring(0, 8);
        insert(old, Instant.now().minus(Duration.ofHours(2)));
        insert(recent, Instant.now().minus(Duration.ofMinutes(2)));

        relay.deleteApplied();

        assertThat(count(old)).as("applied everywhere long ago").isZero();
        assertThat(count(recent)).as("may still be applied").isEqualTo(1);
    }

    private void insert(String entityId, Instant at) {
        jdbc.sql("INSERT INTO access_change (kind, entity_id, changed_at) VALUES (?,?,?)")
                .params(AccessChanged.Kind.values()[0].name(), entityId, DbTime.toDb(at)).update();
    }

    private long count(String entityId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_change WHERE entity_id = ?").param(entityId).query(Long.class)
                .single();
    }
}

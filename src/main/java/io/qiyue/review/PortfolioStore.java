package io.qiyue.review;

import io.qiyue.shared.persistence.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The review_portfolio_* tables, and the job's lock: a row of the ShedLock table. */
@Component
class PortfolioStore {
    static final String LOCK = "review-portfolio";
    private static final TypeReference<List<PortfolioJob.Item>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PortfolioStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Takes the lock for {@code holder} until {@code now + ttl} when it is free (never taken, released, or
     * expired because its holder died); false when another job holds it. The database decides: an UPDATE
     * guarded by the expiry, or the INSERT of the first row, which the primary key serialises.
     */
    boolean lock(String holder, Instant at, Duration ttl) {
        Instant now = millis(at);
        int taken = jdbc.sql("UPDATE shedlock SET lock_until = ?, locked_at = ?, locked_by = ? WHERE name = ?"
                        + " AND lock_until <= ?")
                .params(DbTime.toDb(now.plus(ttl)), DbTime.toDb(now), holder, LOCK, DbTime.toDb(now)).update();
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?,?,?,?)")
                    .params(LOCK, DbTime.toDb(now.plus(ttl)), DbTime.toDb(now), holder).update() == 1;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    /** Extends the lock while its holder still has it. */
    boolean extend(String holder, Instant at, Duration ttl) {
        Instant now = millis(at);
        return jdbc.sql("UPDATE shedlock SET lock_until = ? WHERE name = ? AND locked_by = ?")
                .params(DbTime.toDb(now.plus(ttl)), LOCK, holder).update() == 1;
    }

    void unlock(String holder, Instant at) {
        Instant now = millis(at);
        jdbc.sql("UPDATE shedlock SET lock_until = ? WHERE name = ? AND locked_by = ?")
                .params(DbTime.toDb(now), LOCK, holder).update();
    }

    Optional<String> holder(Instant at) {
        Instant now = millis(at);
        return jdbc.sql("SELECT locked_by FROM shedlock WHERE name = ? AND lock_until > ?")
                .params(LOCK, DbTime.toDb(now)).query(String.class).optional();
    }

    /** Lock times in whole milliseconds: the databases round finer fractions differently. */
    private static Instant millis(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    void insert(String id, String rulesetVersion, int settingsRevision, int total, String startedBy, Instant at) {
        jdbc.sql("INSERT INTO review_portfolio_job (id, status, ruleset_version, settings_revision, total, done, changed,"
                        + " started_by, started_at) VALUES (?, 'RUNNING', ?, ?, ?, 0, 0, ?, ?)")
                .params(id, rulesetVersion, settingsRevision, total, startedBy, DbTime.toDb(at)).update();
    }

    /** Jobs left RUNNING by an instance that stopped: their lock has expired. */
    void failAbandoned(String except, Instant now) {
        jdbc.sql("UPDATE review_portfolio_job SET status = 'FAILED', error = 'interrupted', finished_at = ?"
                        + " WHERE status = 'RUNNING' AND id <> ?")
                .params(DbTime.toDb(now), except).update();
    }

    void progress(String id, int done, int changed, int firstReviews, String lastId) {
        jdbc.sql("UPDATE review_portfolio_job SET done = ?, changed = ?, first_reviews = ?, last_id = ? WHERE id = ?")
                .params(done, changed, firstReviews, lastId, id).update();
    }

    void finish(String id, String status, String error, Instant at) {
        jdbc.sql("UPDATE review_portfolio_job SET status = ?, error = ?, finished_at = ? WHERE id = ?")
                .params(status, error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
                        DbTime.toDb(at), id).update();
    }

    void change(String jobId, PortfolioJob.Change change) {
        jdbc.sql("INSERT INTO review_portfolio_change (job_id, contract_id, contract_no, gained, lost) VALUES (?,?,?,?,?)")
                .params(jobId, change.contractId(), change.contractNumber(), json.writeValueAsString(change.gained()),
                        json.writeValueAsString(change.lost())).update();
    }

    Optional<PortfolioJob> find(String id, int maxChanges) {
        return jdbc.sql("SELECT id, status, ruleset_version, settings_revision, total, done, changed, first_reviews, error,"
                        + " started_by, started_at, finished_at FROM review_portfolio_job WHERE id = ?")
                .param(id)
                .query((rs, n) -> {
                    int revision = rs.getInt("settings_revision");
                    return new PortfolioJob(rs.getString("id"), rs.getString("status"), rs.getString("ruleset_version"),
                            rs.wasNull() ? null : revision, rs.getInt("total"), rs.getInt("done"), rs.getInt("changed"),
                            rs.getInt("first_reviews"), rs.getString("error"), rs.getString("started_by"),
                            DbTime.read(rs, "started_at"), DbTime.read(rs, "finished_at"), List.of());
                })
                .optional()
                .map(job -> new PortfolioJob(job.id(), job.status(), job.rulesetVersion(), job.settingsRevision(),
                        job.total(), job.done(), job.changed(), job.firstReviews(), job.error(), job.startedBy(),
                        job.startedAt(), job.finishedAt(), changes(id, maxChanges)));
    }

    Optional<String> latest() {
        return jdbc.sql("SELECT id FROM review_portfolio_job ORDER BY started_at DESC, id LIMIT 1")
                .query(String.class).optional();
    }

    private List<PortfolioJob.Change> changes(String jobId, int max) {
        return jdbc.sql("SELECT contract_id, contract_no, gained, lost FROM review_portfolio_change WHERE job_id = ?"
                        + " ORDER BY contract_no LIMIT " + max)
                .param(jobId)
                .query((rs, n) -> new PortfolioJob.Change(rs.getString("contract_id"), rs.getString("contract_no"),
                        json.readValue(rs.getString("gained"), ITEMS), json.readValue(rs.getString("lost"), ITEMS)))
                .list();
    }
}

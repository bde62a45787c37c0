package io.qiyue.search;

import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ReadMemo;
import io.qiyue.shared.persistence.DbTime;
import io.qiyue.template.CounterpartyPaper;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The change log every instance's index follows: a row per change of a contract or customer, written by synchronous
 * listeners in the change's own transaction (a rolled-back change leaves no row, a committed one always has one).
 * The row names what changed, not how: the tailer reads the record as it is then.
 */
@Component
public class SearchChangeLog {
    private final JdbcClient jdbc;
    private final Clock clock;

    SearchChangeLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One logged change. */
    record Change(long seq, SearchKind kind, String entityId, Instant changedAt) {
    }

    @EventListener
    void on(EntityChanged changed) {
        switch (changed.entityType()) {
            case "CONTRACT" -> record(SearchKind.CONTRACT, changed.entityId());
            case "CUSTOMER" -> record(SearchKind.CUSTOMER, changed.entityId());
            default -> {
                // other entities are not searched
            }
        }
    }

    /** Many changes at once (a file's records imported): a row for each, as {@link #on(EntityChanged)} writes it, in a few statements. */
    @EventListener
    void on(io.qiyue.shared.EntitiesChanged changed) {
        var now = DbTime.toDb(clock.instant());
        var rows = new java.util.ArrayList<Object[]>();
        for (var change : changed.changes()) {
            SearchKind kind = switch (change.entityType()) {
                case "CONTRACT" -> SearchKind.CONTRACT;
                case "CUSTOMER" -> SearchKind.CUSTOMER;
                default -> null;
            };
            if (kind != null) {
                rows.add(new Object[]{kind.name(), change.entityId(), now});
            }
        }
        io.qiyue.shared.persistence.MultiRowInsert.insert(jdbc, "search_change",
                List.of("entity_kind", "entity_id", "changed_at"), rows);
    }

    /** An uploaded paper adds its text to the contract's without a change of the contract itself. */
    @EventListener
    void on(CounterpartyPaper.Uploaded uploaded) {
        record(SearchKind.CONTRACT, uploaded.contractId());
    }

    @EventListener
    void on(io.qiyue.template.ContractDocuments.SignedScanRead read) {
        record(SearchKind.CONTRACT, read.contractId());
    }

    void record(SearchKind kind, String entityId) {
        jdbc.sql("INSERT INTO search_change (entity_kind, entity_id, changed_at) VALUES (?, ?, ?)")
                .params(kind.name(), entityId, DbTime.toDb(clock.instant())).update();
    }

    /** Changes after {@code seq}, and those numbered {@code missing} (gaps seen before), oldest first, at most {@code limit}. */
    List<Change> after(long seq, Collection<Long> missing, int limit) {
        var sql = new StringBuilder("SELECT seq, entity_kind, entity_id, changed_at FROM search_change WHERE seq > :seq");
        if (!missing.isEmpty()) {
            sql.append(" OR seq IN (:missing)");
        }
        sql.append(" ORDER BY seq LIMIT ").append(limit);
        var query = jdbc.sql(sql.toString()).param("seq", seq);
        if (!missing.isEmpty()) {
            query = query.param("missing", List.copyOf(missing));
        }
        return query.query((rs, n) -> new Change(rs.getLong("seq"), SearchKind.valueOf(rs.getString("entity_kind")),
                rs.getString("entity_id"), DbTime.read(rs, "changed_at"))).list();
    }

    /** The last sequence number logged before {@code instant} (0 when none). */
    long lastBefore(Instant instant) {
        // MAX of no rows is NULL, which getLong reads as 0
        return jdbc.sql("SELECT MAX(seq) FROM search_change WHERE changed_at < ?")
                .param(DbTime.toDb(instant)).query((rs, n) -> rs.getLong(1)).single();
    }

    /** The newest sequence number logged (0 when none): an index that applied it holds every change committed so far. */
    long last() {
        return jdbc.sql("SELECT MAX(seq) FROM search_change").query((rs, n) -> rs.getLong(1)).single();
    }

    /**
     * Whether {@code index} has applied every change logged, so that it holds exactly what the database does (what
     * the lists rely on when they take counts and matches from it); false when it has no usable index.
     */
    boolean allAppliedTo(SearchIndex index) {
        long applied = index.appliedSequence();
        // within a list request (ReadMemo open) asked once, however many of its steps ask
        return applied >= 0 && applied >= ReadMemo.read("search-change-last", "", this::last);
    }

    /** The oldest row still kept, if any. */
    Optional<Change> oldest() {
        return jdbc.sql("SELECT seq, entity_kind, entity_id, changed_at FROM search_change ORDER BY seq LIMIT 1")
                .query((rs, n) -> new Change(rs.getLong("seq"), SearchKind.valueOf(rs.getString("entity_kind")),
                        rs.getString("entity_id"), DbTime.read(rs, "changed_at"))).optional();
    }

    /**
     * Deletes the rows older than {@code before} except the newest of them, which stays as the mark of how far the
     * log was pruned (an index behind it missed changes and is rebuilt).
     */
    int prune(Instant before) {
        long keep = lastBefore(before);
        return keep == 0 ? 0 : jdbc.sql("DELETE FROM search_change WHERE seq < ?").param(keep).update();
    }
}

package io.qiyue.audit;

import io.qiyue.shared.persistence.DbTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The audit table as a hash chain: appending under the head lock, and walking the chain to check it.
 *
 * <p>Appending reads and locks the single row of {@code audit_chain_head}, inserts the entry with the next
 * seq and the head's hash as its previous hash, and moves the head. The row lock is held until the change's
 * transaction ends, so two transactions — in one instance or in several on one database — append one after
 * the other: the second waits, then sees the first one's head. That wait is the price: audited changes
 * commit one at a time from their audit insert on. The lock is therefore taken as the last step of the
 * listener, after everything that can be computed without it.
 */
@Component
class AuditChain {
    static final String COLUMNS = "seq, id, occurred_at, actor, entity_type, entity_id, action, changes, ip,"
            + " user_agent, prev_hash, entry_hash";
    /** Entries read per query while walking: enough to amortise the round trip, small enough for any heap. */
    static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    /** How long appenders wait for the head lock, and how long they hold it (until their commit or rollback). */
    private final Timer lockWait;
    private final Timer lockHeld;

    AuditChain(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.lockWait = Timer.builder("qiyue.audit.chain.lock.wait")
                .description("time an audited change waits for the audit chain's head lock").register(meters);
        this.lockHeld = Timer.builder("qiyue.audit.chain.lock.held")
                .description("time an audited change holds the audit chain's head lock, until it commits").register(meters);
    }

    @org.springframework.beans.factory.annotation.Autowired
    AuditChain(JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
        this(jdbc, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** An entry that has everything but its place in the chain. */
    record Draft(String id, Instant occurredAt, String actor, String entityType, String entityId, String action,
                 String changes, String ip, String userAgent) {

        EntryHasher.Content at(long seq) {
            return new EntryHasher.Content(seq, id, occurredAt, actor, entityType, entityId, action, changes, ip,
                    userAgent);
        }
    }

    /** Appends the draft; must run inside the transaction of the change it records. */
    void append(Draft draft) {
        appendAll(List.of(draft));
    }

    /** Entries inserted per statement by {@link #appendAll}: 12 parameters each, well within every database's limit. */
    static final int ROWS_PER_INSERT = 500;

    /**
     * Appends the drafts in their order under one take of the head lock: one read of the head, multi-row inserts
     * and one move of the head for the whole list (a transaction that changes thousands of records — an import —
     * holds the lock once, not once per record). Must run inside the transaction of the changes it records.
     */
    void appendAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        long asked = System.nanoTime();
        var head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new ChainVerification.Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .single();
        long locked = System.nanoTime();
        lockWait.record(locked - asked, TimeUnit.NANOSECONDS);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    lockHeld.record(System.nanoTime() - locked, TimeUnit.NANOSECONDS);
                }
            });
        }
        long seq = head.seq();
        String previous = head.hash();
        for (int from = 0; from < drafts.size(); from += ROWS_PER_INSERT) {
            var chunk = drafts.subList(from, Math.min(drafts.size(), from + ROWS_PER_INSERT));
            var sql = new StringBuilder("INSERT INTO audit_event (" + COLUMNS + ") VALUES ");
            var params = new ArrayList<Object>(chunk.size() * 12);
            for (int i = 0; i < chunk.size(); i++) {
                var draft = chunk.get(i);
                seq++;
                String hash = EntryHasher.hash(previous, draft.at(seq));
                sql.append(i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?)");
                params.addAll(Arrays.asList(seq, draft.id(), DbTime.toDb(draft.occurredAt()), draft.actor(),
                        draft.entityType(), draft.entityId(), draft.action(), draft.changes(), draft.ip(),
                        draft.userAgent(), previous, hash));
                previous = hash;
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, previous).update();
    }

    ChainVerification.Head head() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, n) -> new ChainVerification.Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .single();
    }

    /**
     * Walks the chain from seq 1 up to the head read at the start, in batches by seq (keyset, not offset, so
     * every batch is an index range scan), keeping only the previous entry in memory. Entries appended while
     * the walk runs lie beyond that head and are left for the next walk.
     */
    ChainVerification verify() {
        var head = head();
        var digest = new EntryHasher.Digest();
        long expected = 1;
        String previousHash = EntryHasher.GENESIS;
        long checked = 0;
        // the next batch is read while this one is hashed: database and CPU work overlap, and at most two
        // batches are in memory
        try (var reader = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon(true).factory())) {
            Future<List<Stored>> next = reader.submit(() -> batch(1, head.seq()));
            while (true) {
                List<Stored> batch = await(next);
                if (batch.isEmpty()) {
                    break;
                }
                long after = batch.getLast().content().seq() + 1;
                next = after <= head.seq() ? reader.submit(() -> batch(after, head.seq())) : CompletableFuture.completedFuture(List.of());
                for (Stored entry : batch) {
                    if (entry.content().seq() != expected) {
                        next.cancel(false);
                        return broken(checked, head, expected, null, ChainVerification.Reason.MISSING);
                    }
                    if (!digest.hash(entry.prevHash(), entry.content()).equals(entry.entryHash())) {
                        next.cancel(false);
                        return broken(checked, head, expected, entry.content().id(), ChainVerification.Reason.TAMPERED);
                    }
                    if (!entry.prevHash().equals(previousHash)) {
                        next.cancel(false);
                        return broken(checked, head, expected, entry.content().id(), ChainVerification.Reason.BROKEN_LINK);
                    }
                    previousHash = entry.entryHash();
                    checked++;
                    expected++;
                }
            }
        }
        if (expected <= head.seq()) {
            // the trail ends early: its last entries were deleted
            return broken(checked, head, expected, null, ChainVerification.Reason.MISSING);
        }
        if (!previousHash.equals(head.hash())) {
            // every entry is consistent but the last is not the one the head recorded: the tail was rewritten
            return broken(checked, head, head.seq(), null, ChainVerification.Reason.BROKEN_LINK);
        }
        return new ChainVerification(true, checked, head, null);
    }

    private List<Stored> batch(long from, long to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT " + BATCH)
                .params(from, to)
                .query((rs, n) -> Stored.read(rs))
                .list();
    }

    private static List<Stored> await(Future<List<Stored>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying the audit chain", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ChainVerification broken(long checked, ChainVerification.Head head, long seq, String id,
                                            ChainVerification.Reason reason) {
        return new ChainVerification(false, checked, head, new ChainVerification.Broken(seq, id, reason));
    }

    /** A row as stored, with its hashes; null-safe for the hash columns so a wiped hash reads as tampering. */
    record Stored(EntryHasher.Content content, String prevHash, String entryHash) {
        static Stored read(ResultSet rs) throws SQLException {
            var content = new EntryHasher.Content(rs.getLong("seq"), rs.getString("id"), DbTime.read(rs, "occurred_at"),
                    rs.getString("actor"), rs.getString("entity_type"), rs.getString("entity_id"),
                    rs.getString("action"), rs.getString("changes"), rs.getString("ip"), rs.getString("user_agent"));
            String prev = rs.getString("prev_hash");
            String hash = rs.getString("entry_hash");
            return new Stored(content, prev == null ? "" : prev, hash == null ? "" : hash);
        }
    }
}

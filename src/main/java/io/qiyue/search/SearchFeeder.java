package io.qiyue.search;

import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps this instance's index current: every second it applies the change-log rows after the position the index
 * holds, reading each record as it is now; it rebuilds the index from the database in the background when there is
 * none (missing, corrupt, deleted) or when the log was pruned past it, and on an admin's request.
 * <p>
 * Sequence numbers are handed out when a row is inserted, not when its transaction commits, so a row can appear
 * after rows numbered above it: numbers skipped over are looked for again for a while (a rolled-back change leaves a
 * number that never appears), and the position recorded in the index stays before the oldest of them, so that a
 * restart looks again too.
 */
@Component
class SearchFeeder implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SearchFeeder.class);
    private static final int BATCH = 500;
    private static final Duration MISSING_FOR = Duration.ofMinutes(2);
    private static final Duration REBUILD_OVERLAP = Duration.ofMinutes(1);

    private final SearchIndex index;
    private final SearchChangeLog changes;
    private final SearchDocuments documents;
    private final ScheduledWork work;
    private final Clock clock;
    private final Duration retention;

    private long cursor = -1;
    private final Map<Long, Instant> missing = new LinkedHashMap<>();
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.IDLE);
    private ExecutorService rebuilder;

    SearchFeeder(SearchIndex index, SearchChangeLog changes, SearchDocuments documents, ScheduledWork work, Clock clock,
                 @Value("${qiyue.search.change-retention:P1D}") Duration retention) {
        this.index = index;
        this.changes = changes;
        this.documents = documents;
        this.work = work;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${qiyue.search.poll:PT1S}", initialDelayString = "${qiyue.search.initial-delay:PT3S}")
    void poll() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("search index not brought up to date: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void prune() {
        work.once("search-change-prune", Duration.ofMinutes(10), Duration.ofMinutes(1),
                () -> changes.prune(clock.instant().minus(retention)));
    }

    /** Applies what the log holds beyond the index's position; the number of changes read. */
    synchronized int catchUp() {
        long applied = index.appliedSequence();
        if (applied < 0) {
            cursor = -1;
            var last = progress.get();
            // a rebuild that failed is tried again a minute later, not every second
            if (last.status() != RebuildProgress.Status.FAILED
                    || last.finishedAt().isBefore(clock.instant().minus(Duration.ofMinutes(1)))) {
                startRebuild();
            }
            return 0;
        }
        if (cursor < 0) {
            cursor = applied;
            if (prunedPast(applied)) {
                log.warn("the search change log was pruned past this index (change {}): rebuilding", applied);
                startRebuild();
            }
        }
        int read = 0;
        for (int round = 0; round < 40; round++) {
            var batch = changes.after(cursor, missing.keySet(), BATCH);
            if (batch.isEmpty()) {
                break;
            }
            apply(batch);
            read += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
        }
        Instant now = clock.instant();
        missing.values().removeIf(seen -> seen.isBefore(now.minus(MISSING_FOR)));
        if (read == 0) {
            index.persist();
        }
        return read;
    }

    private boolean prunedPast(long applied) {
        return changes.oldest().filter(oldest -> oldest.seq() > applied + 1
                && oldest.changedAt().isBefore(clock.instant().minus(retention))).isPresent();
    }

    private void apply(List<SearchChangeLog.Change> batch) {
        Instant now = clock.instant();
        long expected = cursor + 1;
        long highest = cursor;
        Set<String> contractIds = new LinkedHashSet<>();
        Set<String> customerIds = new LinkedHashSet<>();
        for (var change : batch) {
            missing.remove(change.seq());
            if (change.seq() > highest) {
                // numbers skipped on the way are looked for again for a while (few at a time: a burst of
                // rolled-back changes is not worth remembering one by one)
                for (long gap = expected; gap < change.seq() && change.seq() - expected <= 1000; gap++) {
                    missing.putIfAbsent(gap, now);
                }
                expected = change.seq() + 1;
                highest = change.seq();
            }
            (change.kind() == SearchKind.CONTRACT ? contractIds : customerIds).add(change.entityId());
        }
        var upserts = new ArrayList<SearchDocument>();
        var removals = new ArrayList<String>();
        for (String id : customerIds) {
            var customer = documents.customer(id);
            if (customer.isPresent()) {
                upserts.add(customer.get());
                // its contracts show its name
                contractIds.addAll(index.contractsOfCustomerNamedOtherwise(id, customer.get().title()));
            } else {
                removals.add(SearchKind.CUSTOMER.name() + ":" + id);
            }
        }
        var present = new java.util.HashSet<String>();
        for (var contract : documents.contracts(contractIds)) {
            upserts.add(contract);
            present.add(contract.id());
        }
        for (String id : contractIds) {
            if (!present.contains(id)) {
                removals.add(SearchKind.CONTRACT.name() + ":" + id);
            }
        }
        long safe = missing.isEmpty() ? highest : Math.min(highest, Collections.min(missing.keySet()) - 1);
        index.apply(upserts, removals, safe);
        cursor = highest;
    }

    RebuildProgress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background unless one is running; its progress. */
    synchronized RebuildProgress startRebuild() {
        if (progress.get().status() == RebuildProgress.Status.RUNNING) {
            return progress.get();
        }
        Instant started = clock.instant();
        progress.set(new RebuildProgress(RebuildProgress.Status.RUNNING, 0, 0, started, null));
        if (rebuilder == null) {
            rebuilder = Executors.newSingleThreadExecutor(r -> {
                var thread = new Thread(r, "search-rebuild");
                thread.setDaemon(true);
                return thread;
            });
        }
        rebuilder.submit(() -> rebuild(started));
        return progress.get();
    }

    private void rebuild(Instant started) {
        SearchIndex.Rebuild fresh = null;
        try {
            // a change logged shortly before the start may belong to a transaction the reads below do not see yet:
            // the tailer applies it again afterwards
            long through = changes.lastBefore(started.minus(REBUILD_OVERLAP));
            long total = documents.total();
            fresh = index.startRebuild();
            long processed = 0;
            progress.set(new RebuildProgress(RebuildProgress.Status.RUNNING, 0, total, started, null));
            String after = null;
            for (List<SearchDocument> batch; !(batch = documents.contractsAfter(after, BATCH)).isEmpty(); ) {
                fresh.add(batch);
                after = batch.getLast().id();
                processed += batch.size();
                progress.set(new RebuildProgress(RebuildProgress.Status.RUNNING, processed, total, started, null));
                if (processed % 50_000 < BATCH) {
                    log.info("search index rebuild: {} of {} records in {}", processed, total,
                            Duration.between(started, clock.instant()));
                }
            }
            after = null;
            for (List<SearchDocument> batch; !(batch = documents.customersAfter(after, BATCH)).isEmpty(); ) {
                fresh.add(batch);
                after = batch.getLast().id();
                processed += batch.size();
                progress.set(new RebuildProgress(RebuildProgress.Status.RUNNING, processed, total, started, null));
            }
            synchronized (this) {
                fresh.complete(through);
                cursor = through;
                missing.clear();
            }
            log.info("search index rebuilt: {} records in {}", processed, Duration.between(started, clock.instant()));
            progress.set(new RebuildProgress(RebuildProgress.Status.DONE, processed, Math.max(total, processed),
                    started, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("search index rebuild failed: {}", e.toString());
            if (fresh != null) {
                fresh.abandon();
            }
            var before = progress.get();
            progress.set(new RebuildProgress(RebuildProgress.Status.FAILED, before.processed(), before.total(),
                    started, clock.instant()));
        }
    }

    @Override
    public void destroy() {
        if (rebuilder != null) {
            rebuilder.shutdownNow();
        }
    }
}

package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.Ids;
import io.qiyue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-reviews every contract in the background after a ruleset or setting change, and reports which
 * contracts gained or lost findings against their previous stored review. One job at a time across all
 * instances: the job holds a row of the {@code shedlock} table, extended after every batch, so a job whose
 * instance died frees the lock when it expires. Contracts are read in batches by id (keyset paging); each
 * batch is one transaction (new stored reviews, changes, progress).
 */
@Service
public class ReviewPortfolio {
    public static final int MAX_CHANGES_SHOWN = 500;
    static final int BATCH = 500;
    static final Duration LOCK_TTL = Duration.ofMinutes(5);
    private static final int MAX_ITEMS = 50;
    private static final Logger log = LoggerFactory.getLogger(ReviewPortfolio.class);

    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final Reviews reviews;
    private final ReviewStore store;
    private final PortfolioStore jobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReviewPortfolio(Contracts contracts, Customers customers, OurEntities ourEntities, Reviews reviews,
                    ReviewStore store, PortfolioStore jobs, PlatformTransactionManager transactions, Clock clock) {
        this.contracts = contracts;
        this.customers = customers;
        this.ourEntities = ourEntities;
        this.reviews = reviews;
        this.store = store;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Starts a re-review of all contracts (admins only); 409 while another one runs. Returns the job id. */
    public String start() {
        var user = CurrentUsers.require();
        if (!user.isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        String id = Ids.newId();
        Instant now = clock.instant();
        // one engine for the whole run: every contract is reviewed with the same settings, read once
        var engine = reviews.engine();
        // outside a transaction: a lost INSERT race must not leave an aborted transaction (PostgreSQL) behind
        boolean locked = jobs.lock(id, now, LOCK_TTL);
        if (!locked) {
            throw new ConflictException("qiyue.review.portfolio-running", jobs.holder(now).orElse("?"));
        }
        try {
            int total = (int) contracts.list(new ContractQuery(null, null, null, null, null, null, null), 0, 1, null)
                    .total();
            tx.executeWithoutResult(s -> {
                jobs.failAbandoned(id, now);
                jobs.insert(id, engine.rulesetVersion(), engine.settingsRevision(), total, user.username(), now);
            });
        } catch (RuntimeException e) {
            jobs.unlock(id, clock.instant());
            throw e;
        }
        // the job reads contracts as the admin who started it (the data scope of an admin is everything)
        var context = SecurityContextHolder.getContext();
        Thread.ofPlatform().daemon(true).name("review-portfolio-" + id)
                .start(new DelegatingSecurityContextRunnable(() -> run(id, user.username(), engine), context));
        return id;
    }

    public PortfolioJob job(String id) {
        requireAdmin();
        return jobs.find(id, MAX_CHANGES_SHOWN)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "portfolio-review", id));
    }

    /** The most recent job, if any. */
    public Optional<PortfolioJob> latest() {
        requireAdmin();
        return jobs.latest().flatMap(id -> jobs.find(id, MAX_CHANGES_SHOWN));
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }

    private void run(String id, String username, ReviewEngine engine) {
        int done = 0;
        int changed = 0;
        int firsts = 0;
        String last = null;
        Map<String, ContractParty> ours = new HashMap<>();
        // one run, one reading of each type's template: a template saved meanwhile is the next run's
        var supplied = new java.util.EnumMap<io.qiyue.contract.ContractType, java.util.Map<String, String>>(
                io.qiyue.contract.ContractType.class);
        try {
            while (true) {
                List<Contract> batch = contracts.batchAfter(last, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                Instant now = clock.instant();
                LocalDate today = LocalDate.ofInstant(now, clock.getZone());
                Map<String, ContractParty> customersOfBatch = new HashMap<>();
                var evaluations = new LinkedHashMap<Contract, Evaluation>();
                for (Contract c : batch) {
                    var customer = customersOfBatch.computeIfAbsent(c.customerId(),
                            k -> customers.party(k).orElse(null));
                    var ourEntity = ours.computeIfAbsent(c.ourEntityId(), k -> ourEntities.party(k).orElse(null));
                    evaluations.put(c, engine.evaluate(ReviewSubject.of(c, customer, ourEntity, today)
                            .withSuppliedByTemplate(supplied.computeIfAbsent(c.type(), reviews::suppliedByTemplate))));
                }
                final int doneBefore = done;
                final String lastOfBatch = batch.getLast().id();
                BatchTally tally = tx.execute(s -> {
                    if (!jobs.extend(id, now, LOCK_TTL)) {
                        throw new IllegalStateException("lost the portfolio lock");
                    }
                    var previous = store.findAll(batch.stream().map(Contract::id).toList());
                    int changedHere = 0;
                    int firstsHere = 0;
                    for (var e : evaluations.entrySet()) {
                        Contract c = e.getKey();
                        var before = previous.get(c.id());
                        store.save(new ReviewStore.Row(c.id(), c.version(), e.getValue(), now, username));
                        if (before == null) {
                            firstsHere++;
                            continue;
                        }
                        var change = diff(c, before, e.getValue());
                        if (change != null) {
                            jobs.change(id, change);
                            changedHere++;
                        }
                    }
                    return new BatchTally(changedHere, firstsHere);
                });
                done = doneBefore + batch.size();
                changed += tally.changed();
                firsts += tally.firstReviews();
                last = lastOfBatch;
                final int d = done;
                final int ch = changed;
                final int fr = firsts;
                final String l = last;
                tx.executeWithoutResult(s -> jobs.progress(id, d, ch, fr, l));
            }
            final int ch = changed;
            final int fr = firsts;
            final int all = done;
            tx.executeWithoutResult(s -> {
                jobs.progress(id, all, ch, fr, null);
                jobs.finish(id, "DONE", null, clock.instant());
            });
        } catch (RuntimeException | Error e) {
            log.warn("portfolio review {} failed after {} contracts", id, done, e);
            try {
                jobs.finish(id, "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
            } catch (RuntimeException ignored) {
                // the database is gone too; the job stays RUNNING until the next start marks it abandoned
            }
        } finally {
            try {
                jobs.unlock(id, clock.instant());
            } catch (RuntimeException ignored) {
                // the lock expires by itself
            }
        }
    }

    private record BatchTally(int changed, int firstReviews) {
    }

    /**
     * What a contract gained and lost between two evaluations; null when nothing changed. A finding that is
     * still there with other words (QY-V001 after its threshold changed: "above 35%" instead of "above 30%") is
     * neither gained nor lost.
     */
    static PortfolioJob.Change diff(Contract c, Evaluation before, Evaluation after) {
        var old = keyed(before);
        var now = keyed(after);
        var gained = new ArrayList<PortfolioJob.Item>();
        var lost = new ArrayList<PortfolioJob.Item>();
        now.forEach((k, f) -> {
            if (!old.containsKey(k)) {
                gained.add(new PortfolioJob.Item(f.ruleId(), f.severity().name(), f.path()));
            }
        });
        old.forEach((k, f) -> {
            if (!now.containsKey(k)) {
                lost.add(new PortfolioJob.Item(f.ruleId(), f.severity().name(), f.path()));
            }
        });
        for (var it = gained.iterator(); it.hasNext(); ) {
            if (lost.remove(it.next())) {
                it.remove();
            }
        }
        return gained.isEmpty() && lost.isEmpty() ? null
                : new PortfolioJob.Change(c.id(), c.number(), cap(gained), cap(lost));
    }

    private static List<PortfolioJob.Item> cap(List<PortfolioJob.Item> items) {
        return List.copyOf(items.subList(0, Math.min(items.size(), MAX_ITEMS)));
    }

    private static Map<String, RawFinding> keyed(Evaluation e) {
        var out = new LinkedHashMap<String, RawFinding>();
        for (RawFinding f : e.findings()) {
            out.putIfAbsent(f.ruleId() + "|" + f.severity() + "|" + f.path() + "|"
                    + (f.span() == null ? "" : f.span().start() + "-" + f.span().end()) + "|" + f.messageCode()
                    + "|" + f.args(), f);
        }
        return out;
    }
}

package io.qiyue.contract;

import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The lifecycle moves that follow from the calendar: signed contracts become ACTIVE on their start date and
 * EXPIRED after their end date (RENEWED when a successor has been signed), a termination recorded for a later day
 * takes effect on it, and the renewal notice goes out {@code renewalNoticeDays} before the end. Runs every hour
 * (a missed night is caught up), once across instances, and is idempotent: each move is one versioned
 * transition, so a contract that another run has moved already is simply not found again.
 */
@Component
public class ContractCalendar {
    private static final Logger log = LoggerFactory.getLogger(ContractCalendar.class);
    private static final int BATCH = 500;

    private final ContractStore store;
    private final Contracts contracts;
    private final ScheduledWork work;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    ContractCalendar(ContractStore store, Contracts contracts, ScheduledWork work, Clock clock,
                     ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.store = store;
        this.contracts = contracts;
        this.work = work;
        this.clock = clock;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What one run did (counts of contracts moved or told), or {@link #SKIPPED} on an instance that did not run. */
    public record Run(boolean ran, int activated, int expired, int terminated, int noticed, int failed) {
    }

    public static final Run SKIPPED = new Run(false, 0, 0, 0, 0, 0);

    @Scheduled(cron = "${qiyue.lifecycle.calendar-cron:0 7 * * * *}", zone = "Asia/Shanghai")
    void hourly() {
        // held a minute after the run, so that an instance whose clock fires a little later skips this hour
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        var run = runFor(today, Duration.ofMinutes(1));
        if (run.ran()) {
            boolean moved = run.activated() + run.expired() + run.terminated() + run.noticed() + run.failed() > 0;
            String line = "Contract calendar for {}: {} activated, {} ended (expired, renewed or renewed themselves),"
                    + " {} terminated, {} renewal notices,"
                    + " {} failed in {} ms";
            Object[] args = {today, run.activated(), run.expired(), run.terminated(), run.noticed(), run.failed(),
                    (System.nanoTime() - started) / 1_000_000};
            if (moved) {
                log.info(line, args);
            } else {
                log.debug(line, args);
            }
        }
    }

    /**
     * Runs the calendar for {@code today} under the cluster-wide lock (tests move the date); skipped while
     * another instance runs it.
     */
    public Run runFor(LocalDate today) {
        return runFor(today, Duration.ZERO);
    }

    private Run runFor(LocalDate today, Duration heldAfter) {
        return work.once("contract-calendar", Duration.ofMinutes(30), heldAfter, () -> run(today)).orElse(SKIPPED);
    }

    private Run run(LocalDate today) {
        int[] failed = {0};
        int terminated = moveAll(limit -> store.dueToTerminate(today, limit), id -> ContractAction.TERMINATE, failed);
        int expired = moveAll(limit -> store.dueToExpire(today, limit), contracts::endOfTerm, failed);
        int activated = moveAll(limit -> store.dueToActivate(today, limit), id -> ContractAction.ACTIVATE, failed);
        int noticed = 0;
        for (List<Contract> due = store.dueForRenewalNotice(today, BATCH); !due.isEmpty();
             due = store.dueForRenewalNotice(today, BATCH)) {
            for (Contract c : due) {
                if (notice(c, today)) {
                    noticed++;
                }
            }
        }
        return new Run(true, activated, expired, terminated, noticed, failed[0]);
    }

    /**
     * Moves every contract the query finds, batch by batch, each in its own transaction. A contract that
     * cannot move (a guard refuses, it changed meanwhile) is logged and left for the next run; the query is
     * asked again until it finds nothing new, so one failure does not stop the others.
     */
    private int moveAll(IntFunction<List<String>> due, java.util.function.Function<String, ContractAction> actionOf,
                        int[] failed) {
        int moved = 0;
        var refused = new java.util.HashSet<String>();
        while (true) {
            var ids = due.apply(BATCH + refused.size()).stream().filter(id -> !refused.contains(id)).toList();
            if (ids.isEmpty()) {
                return moved;
            }
            for (String id : ids) {
                ContractAction action = null;
                try {
                    action = actionOf.apply(id);
                    String reason = action == ContractAction.TERMINATE ? store.lineage(id).terminationReason()
                            : action == ContractAction.MARK_RENEWED ? store.lineage(id).successorNumber() : null;
                    contracts.advance(id, action, reason, "system");
                    moved++;
                } catch (RuntimeException e) {
                    refused.add(id);
                    failed[0]++;
                    log.warn("Contract {} could not {}: {}", id, action, e.getMessage());
                }
            }
        }
    }

    private boolean notice(Contract c, LocalDate today) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!store.markRenewalNoticeGiven(c.id(), c.endDate())) {
                return false;
            }
            events.publishEvent(new ContractExpiring(c.id(), c.number(), c.title(), c.owner(), c.endDate(),
                    (int) ChronoUnit.DAYS.between(today, c.endDate()), c.autoRenew()));
            return true;
        }));
    }
}

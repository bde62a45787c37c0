package io.qiyue.obligation;

import io.qiyue.contract.Contracts;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Periodic evaluations, once across instances: every signed contract gets a schedule (the default interval from
 * its signing), and on each due day its customer's contact gets a link to rate how we keep the contract's duties
 * — while it is in force, and afterwards as long as a confidentiality or data-sharing duty of ours still runs.
 */
@Component
public class EvaluationCalendar {
    private static final Logger log = LoggerFactory.getLogger(EvaluationCalendar.class);
    private static final int BATCH = 200;

    private final EvaluationStore store;
    private final Evaluations evaluations;
    private final Obligations obligations;
    private final Contracts contracts;
    private final ScheduledWork work;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    EvaluationCalendar(EvaluationStore store, Evaluations evaluations, Obligations obligations, Contracts contracts,
                       ScheduledWork work, PlatformTransactionManager transactions, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.evaluations = evaluations;
        this.obligations = obligations;
        this.contracts = contracts;
        this.work = work;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(cron = "${qiyue.evaluation.cron:0 20 9 * * *}", zone = "Asia/Shanghai")
    void daily() {
        work.once("evaluation-calendar", Duration.ofMinutes(30), Duration.ofMinutes(1), () -> runFor(obligations.today()))
                .filter(n -> n > 0)
                .ifPresent(n -> log.info("Evaluations: {} periodic evaluation links sent", n));
    }

    /** One run as of {@code today}; returns how many periodic links were made. Tests call it with a moved date. */
    public int runFor(LocalDate today) {
        for (int round = 0; round < 1000; round++) {
            var planned = store.plannedWithoutSchedule(BATCH);
            if (planned.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> planned.forEach(id -> start(id)));
        }
        int sent = 0;
        for (int round = 0; round < 1000; round++) {
            var due = store.schedulesDue(today, BATCH);
            if (due.isEmpty()) {
                break;
            }
            for (var schedule : due) {
                Boolean made = tx.execute(s -> periodic(schedule, today));
                if (Boolean.TRUE.equals(made)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    /** The first periodic evaluation: the interval after signing (the plan's day). */
    private void start(String contractId) {
        var plannedAt = store.plannedAt(contractId);
        LocalDate from = plannedAt == null ? obligations.today() : LocalDate.ofInstant(plannedAt, Obligations.CHINA);
        var existing = store.schedule(contractId);
        if (existing.isPresent()) {
            // an interval the owner set before signing
            store.startSchedule(contractId, from.plusDays(existing.get().intervalDays()));
        } else {
            // version 0, as the default was shown before: the owner's first change expects "0"
            store.insertSchedule(new EvaluationStore.Schedule(contractId, EvaluationRules.DEFAULT_INTERVAL_DAYS,
                    from.plusDays(EvaluationRules.DEFAULT_INTERVAL_DAYS), clock.instant(), "system", 0));
        }
    }

    private boolean periodic(EvaluationStore.Schedule schedule, LocalDate today) {
        LocalDate next = today.plusDays(schedule.intervalDays());
        if (!store.moveNext(schedule.contractId(), schedule.nextOn(), next)) {
            return false; // another run moved it first
        }
        io.qiyue.contract.Contract contract;
        try {
            contract = contracts.internal(schedule.contractId());
        } catch (NotFoundException gone) {
            return false;
        }
        boolean dutyRuns = obligations.internalOfContract(contract.id()).stream()
                .anyMatch(o -> o.side() == ObligationSide.OURS && o.kind().overAPeriod() && o.status().open());
        if (!contract.status().inForce() && !dutyRuns) {
            return false;
        }
        var contact = Evaluations.contactFor(evaluations.contactsOf(contract));
        if (contact.isEmpty()) {
            return false;
        }
        evaluations.issue(contract, EvaluationPurpose.PERIODIC, null, contact.get(),
                EvaluationPurpose.PERIODIC.validity(), "system", true, null);
        return true;
    }
}

package io.qiyue.obligation;

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
 * The daily scan, once across instances: what is past its due date becomes {@code OVERDUE}, and a duty whose
 * period ended is kept. Run at 00:10 China time and again hourly, so that an instance down at midnight does not
 * leave a day unscanned (the statements only touch what changed).
 */
@Component
public class ObligationCalendar {
    private static final Logger log = LoggerFactory.getLogger(ObligationCalendar.class);

    private final Obligations obligations;
    private final ScheduledWork work;
    private final TransactionTemplate tx;

    ObligationCalendar(Obligations obligations, ScheduledWork work, PlatformTransactionManager transactions) {
        this.obligations = obligations;
        this.work = work;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(cron = "${qiyue.obligation.scan-cron:0 10 * * * *}", zone = "Asia/Shanghai")
    void hourly() {
        work.once("obligation-scan", Duration.ofMinutes(30), Duration.ofMinutes(1), () -> runFor(obligations.today()))
                .filter(scan -> scan.overdue() + scan.periodsEnded() > 0)
                .ifPresent(scan -> log.info("Obligations: {} became overdue, {} duties ended kept", scan.overdue(),
                        scan.periodsEnded()));
    }

    /** One scan as of {@code today}; tests and the benchmark call it with a moved date. */
    public Obligations.Scan runFor(LocalDate today) {
        return tx.execute(status -> obligations.scan(today));
    }
}

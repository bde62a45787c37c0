package io.qiyue.approval;

import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** The time-limit scan every few minutes, on one instance at a time (ShedLock). */
@Component
class ApprovalDeadlines {
    private static final Logger log = LoggerFactory.getLogger(ApprovalDeadlines.class);

    private final Approvals approvals;
    private final ScheduledWork work;
    private final Clock clock;

    ApprovalDeadlines(Approvals approvals, ScheduledWork work, Clock clock) {
        this.approvals = approvals;
        this.work = work;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${qiyue.approval.deadline-scan:PT5M}", initialDelayString = "${qiyue.approval.deadline-scan:PT5M}")
    void scan() {
        work.once("approval-deadlines", Duration.ofMinutes(10), Duration.ofSeconds(30),
                () -> approvals.scan(clock.instant())).ifPresent(result -> {
            if (result.reminded() + result.escalated() > 0) {
                log.info("Approval time limits: {} reminded, {} escalated", result.reminded(), result.escalated());
            }
        });
    }
}

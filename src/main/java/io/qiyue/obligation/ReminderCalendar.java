package io.qiyue.obligation;

import io.qiyue.shared.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Sends the day's reminders once across instances (ShedLock), every hour of the working day in China time
 * ({@code qiyue.reminders.cron}): what became due since the last run goes out within the hour, and a day on which
 * no instance ran is caught up by the next run, since the sources give what is due within a window rather than on
 * one day, and the keys stop repeats.
 */
@Component
public class ReminderCalendar {
    private static final Logger log = LoggerFactory.getLogger(ReminderCalendar.class);

    private final Reminders reminders;
    private final Obligations obligations;
    private final ScheduledWork work;

    ReminderCalendar(Reminders reminders, Obligations obligations, ScheduledWork work) {
        this.reminders = reminders;
        this.obligations = obligations;
        this.work = work;
    }

    @Scheduled(cron = "${qiyue.reminders.cron:0 20 8-20 * * *}", zone = "Asia/Shanghai")
    void hourly() {
        long started = System.nanoTime();
        LocalDate today = obligations.today();
        work.once("reminder-calendar", Duration.ofMinutes(30), Duration.ofMinutes(1), () -> reminders.send(today))
                .filter(run -> run.sent() + run.failedSources() > 0)
                .ifPresent(run -> log.info("Reminders for {}: {} sent ({} given by the sources), {} sources failed,"
                        + " in {} ms", today, run.sent(), run.offered(), run.failedSources(),
                        (System.nanoTime() - started) / 1_000_000));
    }

    /** One run for {@code today} under the cluster-wide lock (tests and the benchmark move the date); empty where
     * another instance holds the lock now. */
    public Optional<Reminders.Run> runFor(LocalDate today) {
        return work.once("reminder-calendar", Duration.ofMinutes(30), Duration.ZERO, () -> reminders.send(today));
    }
}

package io.qiyue.obligation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qiyue.shared.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reminder engine: asks every {@link ReminderSource} what is due on a day, records each reminder's key once
 * ({@code reminder_sent}) and publishes the newly recorded ones as {@link RemindersDue} in the same transaction,
 * batch by batch, so that nothing is held in memory beyond one batch. A key already recorded, by an earlier run,
 * before a restart or by another instance at the same moment, is never published again: the key's insert decides,
 * and the event publication registry delivers what was committed.
 */
@Service
public class Reminders {
    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    /** The longest key stored as it is; a longer one is stored as its hash. */
    static final int MAX_KEY = 200;
    private static final int ATTEMPTS = 5;

    private final ObjectProvider<ReminderSource> sources;
    private final ReminderStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    private final Counter remindersSent;

    Reminders(ObjectProvider<ReminderSource> sources, ReminderStore store, ApplicationEventPublisher events,
              PlatformTransactionManager transactions, Clock clock,
              @Value("${qiyue.reminders.batch:500}") int batchSize, MeterRegistry metrics) {
        this.remindersSent = Counter.builder("qiyue.reminders.sent")
                .description("Reminders published for delivery (each new reminder once, over all channels)")
                .register(metrics);
        this.sources = sources;
        this.store = store;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
    }

    /** What one run did: reminders the sources gave, how many of them were new (published now), sources failed. */
    public record Run(int offered, int sent, int failedSources) {
    }

    /**
     * Sends what is due on {@code today}: every source in turn, a failing source logged and the others still run
     * (its reminders come with the next run, nothing is recorded for them).
     */
    public Run send(LocalDate today) {
        int offered = 0;
        int sent = 0;
        int failed = 0;
        for (ReminderSource source : sources.orderedStream().toList()) {
            var batch = new Batch(today);
            try {
                source.remindersFor(today, batch);
                batch.flush();
            } catch (RuntimeException e) {
                failed++;
                log.warn("Reminder source {} failed for {}: {}", source.getClass().getSimpleName(), today, e.toString());
            }
            offered += batch.offered;
            sent += batch.sent;
        }
        remindersSent.increment(sent);
        return new Run(offered, sent, failed);
    }

    /** Whether a reminder with this key was sent (tests, support). */
    public boolean sent(String key) {
        return store.sent(storedKey(key));
    }

    static String storedKey(String key) {
        return key.length() <= MAX_KEY ? key : "sha256:" + Hashes.sha256Hex(key);
    }

    /** The sink handed to a source: collects up to a batch (one per key), then records and publishes it. */
    private final class Batch implements Consumer<Reminder> {
        private final LocalDate day;
        private final Map<String, Reminder> pending = new LinkedHashMap<>();
        int offered;
        int sent;

        Batch(LocalDate day) {
            this.day = day;
        }

        @Override
        public void accept(Reminder r) {
            if (r == null || r.key() == null || r.key().isBlank() || r.kind() == null) {
                return;
            }
            offered++;
            var recipients = r.recipients() == null ? List.<String>of()
                    : r.recipients().stream().filter(u -> u != null && !u.isBlank()).distinct().toList();
            var stored = new Reminder(storedKey(r.key()), r.kind(), r.contractId(), r.contractNumber(),
                    r.contractTitle(), recipients, r.dueDate(), r.subject(), r.link());
            pending.putIfAbsent(stored.key(), stored);
            if (pending.size() >= batchSize) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            var reminders = new ArrayList<>(pending.values());
            pending.clear();
            sent += record(day, reminders);
        }
    }

    /**
     * One batch in one transaction: the new keys inserted and their reminders published. Losing a race for a key
     * (another instance inserted it first) rolls the batch back; the next attempt finds the key and leaves it out.
     */
    private int record(LocalDate day, List<Reminder> reminders) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer n = tx.execute(status -> {
                    var fresh = store.recordNew(reminders, day, clock.instant());
                    if (!fresh.isEmpty()) {
                        events.publishEvent(new RemindersDue(day, fresh));
                    }
                    return fresh.size();
                });
                return n == null ? 0 : n;
            } catch (DataIntegrityViolationException | TransientDataAccessException lost) {
                if (attempt >= ATTEMPTS) {
                    throw lost;
                }
                log.debug("Reminder batch for {} met another run ({}), trying again", day, lost.getClass().getSimpleName());
            }
        }
    }
}

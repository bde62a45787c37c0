package io.qiyue.notification;

import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.Ids;
import io.qiyue.shared.ScheduledWork;
import io.qiyue.shared.persistence.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The daily digests of reminders: once a day per user (e-mail) and per group robot, from
 * {@code qiyue.notification.digest-from-hour} (default 8) China time, when no new line came for
 * {@code qiyue.notification.digest-quiet} (default 10 minutes, so that a day's reminder run is complete), all lines
 * waiting for that user or robot go into one outbox message. Lines that come after the day's digest wait for the
 * next day's. Once across instances: the digest's unique (channel, target, day) and the lines' claim
 * ({@code UPDATE ... WHERE digest_id IS NULL}) let one instance have them.
 */
@Component
public class ReminderDigests {
    private static final Logger log = LoggerFactory.getLogger(ReminderDigests.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Lines written out in one e-mail; the rest are counted ("and N more") and read in the application. */
    static final int MAX_LINES = 200;

    /** What one run sent; {@code ran} is false where another instance ran it. */
    public record Run(boolean ran, int emails, int robotMessages) {
    }

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final UserAdministration users;
    private final NotificationSettingsStore settings;
    private final MessageSource messages;
    private final ScheduledWork work;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration quiet;
    private final int fromHour;

    ReminderDigests(JdbcClient jdbc, Outbox outbox, UserAdministration users, NotificationSettingsStore settings,
                    MessageSource messages, ScheduledWork work, PlatformTransactionManager transactions, Clock clock,
                    @Value("${qiyue.notification.digest-quiet:PT10M}") Duration quiet,
                    @Value("${qiyue.notification.digest-from-hour:8}") int fromHour) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.users = users;
        this.settings = settings;
        this.messages = messages;
        this.work = work;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.quiet = quiet;
        this.fromHour = fromHour;
    }

    @Scheduled(fixedDelayString = "${qiyue.notification.digest-poll:PT1M}", initialDelayString = "PT30S")
    void poll() {
        try {
            var run = runFor(clock.instant());
            if (run.ran() && run.emails() + run.robotMessages() > 0) {
                log.info("Reminder digests: {} e-mails, {} robot messages queued", run.emails(), run.robotMessages());
            }
        } catch (RuntimeException e) {
            log.warn("Reminder digest run failed: {}", e.toString());
        }
    }

    /** Queues the digests due at {@code now} (tests move it), unless another instance is doing it now. */
    public Run runFor(Instant now) {
        return work.once("notification-digest", Duration.ofMinutes(10), Duration.ZERO, () -> queue(now))
                .orElse(new Run(false, 0, 0));
    }

    private Run queue(Instant now) {
        if (now.atZone(CHINA).getHour() < fromHour) {
            return new Run(true, 0, 0);
        }
        LocalDate day = LocalDate.ofInstant(now, CHINA);
        var targets = jdbc.sql("SELECT channel, target FROM notification_digest_item WHERE digest_id IS NULL"
                        + " GROUP BY channel, target HAVING MAX(created_at) <= ?")
                .param(DbTime.toDb(now.minus(quiet)))
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        int emails = 0;
        int robotMessages = 0;
        for (String[] t : targets) {
            var channel = Outbox.Channel.valueOf(t[0]);
            try {
                if (Boolean.TRUE.equals(tx.execute(status -> digest(channel, t[1], day, now)))) {
                    if (channel == Outbox.Channel.EMAIL) {
                        emails++;
                    } else {
                        robotMessages++;
                    }
                }
            } catch (DataIntegrityViolationException alreadySent) {
                // another instance sent this target's digest of the day at the same moment
            }
        }
        return new Run(true, emails, robotMessages);
    }

    /** One target's digest of the day, in one transaction; false when it had one today or nothing is left. */
    private boolean digest(Outbox.Channel channel, String target, LocalDate day, Instant now) {
        boolean sentToday = jdbc.sql("SELECT COUNT(*) FROM notification_digest WHERE channel = ? AND target = ?"
                + " AND digest_day = ?").params(channel.name(), target, day).query(Long.class).single() > 0;
        if (sentToday) {
            return false;
        }
        String id = Ids.newId();
        int items = jdbc.sql("UPDATE notification_digest_item SET digest_id = ? WHERE channel = ? AND target = ?"
                        + " AND digest_id IS NULL AND created_at <= ?")
                .params(id, channel.name(), target, DbTime.toDb(now)).update();
        if (items == 0) {
            return false;
        }
        jdbc.sql("INSERT INTO notification_digest (id, channel, target, digest_day, items, created_at)"
                        + " VALUES (?,?,?,?,?,?)")
                .params(id, channel.name(), target, day, items, DbTime.toDb(now)).update();
        var lines = jdbc.sql("SELECT line FROM notification_digest_item WHERE digest_id = ? ORDER BY created_at, id"
                        + " LIMIT " + MAX_LINES)
                .param(id).query(String.class).list();
        // a user's digest in their language (its lines were worded in it too), a robot's in Chinese
        var language = channel == Outbox.Channel.EMAIL ? users.language(target) : Dispatcher.ZH;
        String subject = messages.getMessage("notification.digest.subject", new Object[]{items, day.toString()},
                language);
        if (channel == Outbox.Channel.EMAIL) {
            var user = users.findByUsername(target).filter(User::enabled);
            String email = user.map(User::email).orElse(null);
            if (email == null || email.isBlank()) {
                return true; // taken, nowhere to send: the lines stay readable in the application
            }
            String body = messages.getMessage("notification.digest.email", new Object[]{user.get().displayName(),
                    day.toString(), items, String.join("\n\n", lines) + more(items, lines, language),
                    settings.effective().baseUrl() + "/notifications"}, language);
            outbox.add(Outbox.Channel.EMAIL, email, kindOf(channel, id), Dispatcher.emailSubject(messages, subject,
                    language), body, now);
        } else {
            String text = "**" + subject + "**\n\n" + String.join("\n\n", lines) + more(items, lines, language);
            outbox.add(Outbox.Channel.ROBOT, target, kindOf(channel, id), Wording.cut(subject, 500), text, now);
        }
        return true;
    }

    private String more(int items, List<String> lines, java.util.Locale language) {
        return items > lines.size() ? "\n\n" + messages.getMessage("notification.digest.more",
                new Object[]{items - lines.size()}, language) : "";
    }

    /** The outbox row's kind: the kind of the digest's first line (the log shows it; all are reminders). */
    private EventKind kindOf(Outbox.Channel channel, String digestId) {
        String kind = jdbc.sql("SELECT event_kind FROM notification_digest_item WHERE digest_id = ?"
                + " ORDER BY created_at, id LIMIT 1").param(digestId).query(String.class).single();
        try {
            return EventKind.valueOf(kind);
        } catch (IllegalArgumentException retired) {
            return EventKind.OBLIGATION_DUE;
        }
    }

}

package io.qiyue.notification;

import io.qiyue.obligation.Reminder;
import io.qiyue.obligation.RemindersDue;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.Ids;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a batch of reminders, in the listener's transaction: per recipient an in-app notification and an e-mail as
 * they chose (the e-mail as a line of their daily digest unless they chose one by one), per subscribed webhook a
 * delivery at once, per subscribed group robot a line of the robot's daily digest ({@link ReminderDigests}).
 */
@Component
class ReminderDelivery {
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Preferences preferences;
    private final UserAdministration users;
    private final Webhooks webhooks;
    private final GroupRobots robots;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final NotificationSettingsStore settings;
    private final Clock clock;
    private final JsonMapper json;
    private final Notifications notifications;

    ReminderDelivery(JdbcClient jdbc, MessageSource messages, Preferences preferences, UserAdministration users,
                     Webhooks webhooks, GroupRobots robots, Outbox outbox, Dispatcher dispatcher,
                     NotificationSettingsStore settings, Clock clock, JsonMapper json,
                     Notifications notifications) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
        this.preferences = preferences;
        this.users = users;
        this.webhooks = webhooks;
        this.robots = robots;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** One recipient as this batch needs them: the account, the choices per kind, digest or not. */
    private record Recipient(User user, List<Preference> choices, boolean dailyDigest, Locale language) {
    }

    void deliver(RemindersDue due) {
        Instant now = clock.instant();
        String base = settings.effective().baseUrl();
        var recipients = new HashMap<String, Optional<Recipient>>();
        var hooks = new HashMap<EventKind, List<String>>();
        var robotIds = new HashMap<EventKind, List<String>>();
        for (Reminder r : due.reminders()) {
            EventKind kind = ReminderEventListener.kindOf(r.kind());
            var wording = wording(r, due.day());
            String title = wording.title(kind, messages, Dispatcher.ZH);
            String body = wording.body(kind, messages, Dispatcher.ZH);
            String stored = wording.toJson(json);
            String link = r.link() != null && r.link().startsWith("/") ? r.link()
                    : r.contractId() == null ? "/notifications" : "/contracts/" + r.contractId();
            String url = base + link;
            for (String username : r.recipients()) {
                var to = recipients.computeIfAbsent(username, this::recipient);
                if (to.isEmpty()) {
                    continue;
                }
                var choice = to.get().choices().get(kind.ordinal());
                if (choice.inApp()) {
                    notifications.add(username, kind, r.contractId(), title, body, stored, link, now);
                }
                String email = to.get().user().email();
                if (choice.email() && email != null && !email.isBlank()) {
                    Locale language = to.get().language();
                    String ownTitle = wording.title(kind, messages, language);
                    String ownBody = wording.body(kind, messages, language);
                    if (to.get().dailyDigest()) {
                        addDigestLine(Outbox.Channel.EMAIL, username, kind,
                                "· " + ownTitle + "\n  " + ownBody + "\n  " + url, now);
                    } else {
                        String mail = messages.getMessage("notification.email.body",
                                new Object[]{to.get().user().displayName(), ownBody, url}, language);
                        outbox.add(Outbox.Channel.EMAIL, email, kind,
                                Dispatcher.emailSubject(messages, ownTitle, language), mail, now);
                    }
                }
            }
            var subscribed = hooks.computeIfAbsent(kind, webhooks::subscribedTo);
            if (!subscribed.isEmpty()) {
                String payload = dispatcher.webhookBody(new Occurrence(kind, r.contractId(), r.contractNumber(),
                        r.contractTitle(), r.recipients(), "system", r.subject(), null, now), title, url);
                subscribed.forEach(id -> outbox.add(Outbox.Channel.WEBHOOK, id, kind, kind.eventName(), payload, now));
            }
            for (String robotId : robotIds.computeIfAbsent(kind, robots::subscribedTo)) {
                addDigestLine(Outbox.Channel.ROBOT, robotId, kind, "**" + title + "**\n" + body + "\n["
                        + messages.getMessage("notification.open", null, Dispatcher.ZH) + "](" + url + ")", now);
            }
        }
    }

    private Optional<Recipient> recipient(String username) {
        return users.findByUsername(username).filter(User::enabled)
                .map(u -> new Recipient(u, preferences.of(username), preferences.dailyDigest(username),
                        users.language(username)));
    }

    private void addDigestLine(Outbox.Channel channel, String target, EventKind kind, String line, Instant now) {
        jdbc.sql("INSERT INTO notification_digest_item (id, channel, target, event_kind, line, created_at)"
                        + " VALUES (?,?,?,?,?,?)")
                .params(Ids.newId(), channel.name(), target, kind.name(), Wording.cut(line, 2000), DbTime.toDb(now)).update();
    }

    /**
     * {0} the contract's number, {1} its title, {2} what the reminder is about, {3} the due date, {4} the days
     * between the day of the reminder and the due date (always positive: "in 3 days", "3 days late").
     */
    private static Wording wording(Reminder r, LocalDate day) {
        long days = r.dueDate() == null ? 0 : Math.abs(ChronoUnit.DAYS.between(day, r.dueDate()));
        return Wording.of(false, r.contractNumber(), r.contractTitle(), r.subject(),
                r.dueDate() == null ? "" : r.dueDate().toString(), String.valueOf(days));
    }
}

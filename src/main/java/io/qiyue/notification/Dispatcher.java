package io.qiyue.notification;

import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * Turns one occurrence into what each channel needs: an in-app notification and an e-mail per recipient as
 * they chose, a delivery per subscribed webhook and a message per subscribed robot. Everything is written in
 * the listener's transaction; sending is the worker's.
 */
@Component
class Dispatcher {
    /**
     * What is written once for everyone (webhook summaries, robot messages) is Chinese whatever the language of the
     * request that caused it; an e-mail is in its recipient's language, an in-app notification in its reader's.
     */
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** Kinds whose wording places the detail itself (days left, the renewed number) instead of "说明：…". */
    private static final java.util.Set<EventKind> DETAIL_IN_BODY = java.util.EnumSet.of(EventKind.EXPIRING,
            EventKind.RENEWED, EventKind.AUTO_RENEWED, EventKind.TERMINATION_SCHEDULED, EventKind.SIGNER_SIGNED,
            EventKind.SIGNING_LOCKED, EventKind.SIGNING_BLOCKED, EventKind.EVALUATION_LOW);
    /** Kinds whose actor is a customer's contact, not a user. */
    private static final java.util.Set<EventKind> CONTACT_ACTS = java.util.EnumSet.of(EventKind.CUSTOMER_COMMENTED,
            EventKind.COUNTERPARTY_VERSION);

    private final MessageSource messages;
    private final Preferences preferences;
    private final UserAdministration users;
    private final Webhooks webhooks;
    private final GroupRobots robots;
    private final Outbox outbox;
    private final NotificationSettingsStore settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Notifications notifications;

    Dispatcher(MessageSource messages, Preferences preferences, UserAdministration users,
               Webhooks webhooks, GroupRobots robots, Outbox outbox, NotificationSettingsStore settings, JsonMapper json,
               Clock clock, Notifications notifications) {
        this.notifications = notifications;
        this.messages = messages;
        this.preferences = preferences;
        this.users = users;
        this.webhooks = webhooks;
        this.robots = robots;
        this.outbox = outbox;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    void dispatch(Occurrence o) {
        var now = clock.instant();
        // a customer's contact is named as the event names them, never taken for a user of the same name
        var wording = wording(o, CONTACT_ACTS.contains(o.kind()) ? o.actor() : displayName(o.actor()));
        String title = wording.title(o.kind(), messages, ZH);
        String body = wording.body(o.kind(), messages, ZH);
        String stored = wording.toJson(json);
        // an approver goes to the task (where they decide), everyone else to the contract
        String link = o.taskId() != null && o.kind().awaits() == EventKind.Awaits.APPROVAL_TASK
                ? "/approvals/" + o.taskId()
                : o.contractId() == null ? "/notifications" : "/contracts/" + o.contractId();
        String url = settings.effective().baseUrl() + link;
        var recipients = new LinkedHashSet<>(o.recipients());
        // the person who did it is not told of their own act
        recipients.remove(o.actor());
        for (String username : recipients) {
            var user = users.findByUsername(username).filter(User::enabled);
            if (user.isEmpty()) {
                continue;
            }
            var choice = preferences.of(username, o.kind());
            if (choice.inApp()) {
                notifications.add(username, o.kind(), o.contractId(), title, body, stored, link, now);
            }
            String email = user.get().email();
            if (choice.email() && email != null && !email.isBlank()) {
                Locale language = users.language(username);
                String mail = messages.getMessage("notification.email.body", new Object[]{user.get().displayName(),
                        wording.body(o.kind(), messages, language), url}, language);
                // a request to act is checked again when it is sent: by then it may have been done
                outbox.add(Outbox.Channel.EMAIL, email, o.kind(),
                        emailSubject(messages, wording.title(o.kind(), messages, language), language), mail, null,
                        PendingActions.reference(o, username), now);
            }
        }
        var hooks = webhooks.subscribedTo(o.kind());
        if (!hooks.isEmpty()) {
            String payload = webhookBody(o, title, url);
            hooks.forEach(id -> outbox.add(Outbox.Channel.WEBHOOK, id, o.kind(), o.kind().eventName(), payload, now));
        }
        var robotIds = robots.subscribedTo(o.kind());
        if (!robotIds.isEmpty()) {
            String line = "**" + title + "**\n" + body + "\n[" + messages.getMessage("notification.open", null, ZH)
                    + "](" + url + ")";
            robotIds.forEach(id -> outbox.add(Outbox.Channel.ROBOT, id, o.kind(), Wording.cut(title, 500), line, now));
        }
    }

    /** An e-mail's subject: the title after the product's name, in the recipient's language. */
    static String emailSubject(MessageSource messages, String title, Locale language) {
        return Wording.cut(messages.getMessage("notification.email.subject", new Object[]{title}, language), 500);
    }

    /** {@code { event, occurredAt, data }}: the body that is signed and posted. */
    String webhookBody(Occurrence o, String title, String url) {
        var root = json.createObjectNode();
        root.put("event", o.kind().eventName());
        root.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(o.at()));
        var data = root.putObject("data");
        data.put("contractId", o.contractId());
        data.put("contractNumber", o.number());
        data.put("contractTitle", o.title());
        data.put("actor", o.actor());
        data.put("detail", o.detail());
        data.put("taskId", o.taskId());
        var to = data.putArray("recipients");
        o.recipients().forEach(to::add);
        data.put("summary", title);
        data.put("url", url);
        return json.writeValueAsString(root);
    }

    /**
     * Who did it as people read it: a user's display name (周经理, not manager.east: outside tester), anyone else
     * (a customer's contact, the system) as the event names them.
     */
    private String displayName(String actor) {
        if (actor == null || actor.equals("system")) {
            return actor;
        }
        return users.findByUsername(actor).map(User::displayName).orElse(actor);
    }

    /**
     * {0} the contract's number, {1} its title, {2} who did it, {3} the detail the event carried, {4} … what else the
     * occurrence names (the step returned to, the customer), by the body variant it chose.
     */
    private static Wording wording(Occurrence o, String actor) {
        boolean noted = o.detail() != null && !o.detail().isBlank() && !DETAIL_IN_BODY.contains(o.kind());
        var args = new java.util.ArrayList<String>(java.util.Arrays.asList(o.number(), o.title(), actor, o.detail()));
        args.addAll(o.more());
        return new Wording(args, noted, o.variant());
    }

}

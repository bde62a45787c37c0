package io.qiyue.notification;

import io.qiyue.shared.ScheduledWork;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Sends what the outbox holds: e-mails over SMTP, webhook deliveries and robot messages, every few seconds,
 * once across instances (ShedLock), each message claimed before it is sent. Failures are retried with backoff
 * and logged on the message; timeouts are short, so a hanging receiver holds up only this worker.
 */
@Component
public class OutboxWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 100;
    private static final Duration CLAIM = Duration.ofMinutes(2);
    /** DingTalk blocks a robot for 10 minutes once it is sent too much: a refused robot waits that long. */
    private static final Duration DINGTALK_BLOCK = Duration.ofMinutes(10);

    /** What one run sent and how many attempts failed; {@code ran} is false where another instance ran it. */
    public record Run(boolean ran, int emails, int webhooks, int robotMessages, int failed) {
    }

    private final Outbox outbox;
    private final NotificationSettingsStore settings;
    private final Webhooks webhooks;
    private final GroupRobots robots;
    private final OutboundAddresses addresses;
    private final PendingActions pendingActions;
    private final ScheduledWork work;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxAttempts;
    /** Built on the first delivery: its selector thread and classes are not worth a start-up's time. */
    private volatile HttpClient http;
    private final Duration httpTimeout;

    OutboxWorker(Outbox outbox, NotificationSettingsStore settings, Webhooks webhooks, GroupRobots robots,
                 OutboundAddresses addresses, PendingActions pendingActions, ScheduledWork work,
                 JsonMapper json, Clock clock, @Value("${qiyue.notification.max-attempts:20}") int maxAttempts,
                 @Value("${qiyue.notification.http-timeout:PT5S}") Duration httpTimeout) {
        this.outbox = outbox;
        this.settings = settings;
        this.webhooks = webhooks;
        this.robots = robots;
        this.addresses = addresses;
        this.pendingActions = pendingActions;
        this.work = work;
        this.json = json;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.httpTimeout = httpTimeout;
    }

    private HttpClient http() {
        var client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    http = client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
            }
        }
        return client;
    }

    @Scheduled(fixedDelayString = "${qiyue.notification.poll:PT5S}", initialDelayString = "PT10S")
    void poll() {
        try {
            var run = runFor(clock.instant());
            if (run.ran() && run.emails() + run.webhooks() + run.robotMessages() + run.failed() > 0) {
                log.info("Notification outbox: {} e-mails, {} webhook deliveries, {} robot messages sent, {} failed",
                        run.emails(), run.webhooks(), run.robotMessages(), run.failed());
            }
        } catch (RuntimeException e) {
            log.warn("Notification outbox run failed: {}", e.toString());
        }
    }

    /** Sends everything due at {@code now} (tests move it), unless another instance is sending now. */
    public Run runFor(Instant now) {
        return work.once("notification-outbox", Duration.ofMinutes(10), Duration.ZERO, () -> send(now))
                .orElse(new Run(false, 0, 0, 0, 0));
    }

    private Run send(Instant now) {
        int[] failed = {0};
        int emails = emails(now, failed);
        int hooks = webhooks(now, failed);
        int robotMessages = robots(now, failed);
        return new Run(true, emails, hooks, robotMessages, failed[0]);
    }

    private int emails(Instant now, int[] failed) {
        var due = outbox.due(Outbox.Channel.EMAIL, now, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        var config = settings.effective();
        int sent = 0;
        JavaMailSenderImpl mail = config.mailConfigured() ? sender(config) : null;
        for (var m : due) {
            if (!outbox.claim(m, now, now.plus(CLAIM))) {
                continue;
            }
            // asked now, not when it was queued: a request to approve or sign that was decided, signed or ended
            // meanwhile (or waited for a mail server) would ask for what is done; a customer's link that opens nothing
            // any more is worse than no mail (a later one carries the valid link)
            var done = pendingActions.ended(m);
            if (done.isPresent()) {
                outbox.cancel(m.id(), done.get());
                continue;
            }
            if (mail == null) {
                // kept, not dropped: sent once an admin configured the server
                outbox.failed(m, null, "SMTP not configured", now, Integer.MAX_VALUE, null);
                failed[0]++;
                continue;
            }
            try {
                MimeMessage message = mail.createMimeMessage();
                var helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(config.from());
                helper.setTo(m.target());
                helper.setSubject(m.subject());
                helper.setText(m.payload(), false);
                mail.send(message);
                outbox.sent(m.id(), null, now);
                sent++;
            } catch (Exception e) {
                outbox.failed(m, null, e.getClass().getSimpleName() + ": " + e.getMessage(), now, maxAttempts, null);
                failed[0]++;
                // most likely the server is down or slow: the rest wait for the next run instead of each paying
                // the connection timeout now (this message's backoff lets the others go first next time)
                break;
            }
        }
        return sent;
    }

    private static JavaMailSenderImpl sender(NotificationSettingsStore.Effective config) {
        var mail = new JavaMailSenderImpl();
        mail.setHost(config.host());
        mail.setPort(config.port());
        mail.setUsername(config.username());
        mail.setPassword(config.password());
        mail.setDefaultEncoding("UTF-8");
        Properties p = mail.getJavaMailProperties();
        p.put("mail.smtp.auth", String.valueOf(config.username() != null));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        if (config.tls()) {
            if (config.port() == 465) {
                mail.setProtocol("smtps");
            } else {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
        }
        return mail;
    }

    private int webhooks(Instant now, int[] failed) {
        int sent = 0;
        // an endpoint that failed once in this run is not tried again in it: a hanging receiver costs one timeout
        var failing = new java.util.HashSet<String>();
        for (var m : outbox.due(Outbox.Channel.WEBHOOK, now, BATCH)) {
            if (failing.contains(m.target()) || !outbox.claim(m, now, now.plus(CLAIM))) {
                continue;
            }
            var endpoint = webhooks.endpoint(m.target());
            if (endpoint.isEmpty()) {
                outbox.failed(m, null, "webhook deleted", now, 1, null);
                continue;
            }
            var refused = addresses.refusedOnDelivery(endpoint.get()[0]);
            if (refused.isPresent()) {
                outbox.failed(m, null, refused.get().reason(), now, refused.get().retry() ? maxAttempts : 1, null);
                failing.add(m.target());
                failed[0]++;
                continue;
            }
            byte[] body = m.payload().getBytes(StandardCharsets.UTF_8);
            try {
                var response = http().send(HttpRequest.newBuilder(URI.create(endpoint.get()[0])).timeout(httpTimeout)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("User-Agent", "Qiyue-Webhook/1")
                        .header("X-Qiyue-Event", m.subject())
                        .header("X-Qiyue-Delivery", m.id())
                        .header("X-Qiyue-Signature", Signatures.webhook(endpoint.get()[1], body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    outbox.sent(m.id(), response.statusCode(), now);
                    sent++;
                } else {
                    outbox.failed(m, response.statusCode(), "HTTP " + response.statusCode(), now, maxAttempts, null);
                    failing.add(m.target());
                    failed[0]++;
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                outbox.failed(m, null, e.getClass().getSimpleName() + ": " + e.getMessage(), now, maxAttempts, null);
                failing.add(m.target());
                failed[0]++;
            }
        }
        return sent;
    }

    private int robots(Instant now, int[] failed) {
        int posted = 0;
        for (String robotId : outbox.dueTargets(Outbox.Channel.ROBOT, now)) {
            var robot = robots.endpoint(robotId);
            var due = outbox.dueFor(Outbox.Channel.ROBOT, robotId, now, 500);
            if (robot.isEmpty()) {
                due.forEach(m -> {
                    if (outbox.claim(m, now, now.plus(CLAIM))) {
                        outbox.failed(m, null, "robot deleted", now, 1, null);
                    }
                });
                continue;
            }
            var kind = robot.get().kind();
            int budget = kind.perMinute() - robots.postedSince(robotId, now.minusSeconds(60));
            if (kind.perSecond() > 0) {
                budget = Math.min(budget, kind.perSecond() - robots.postedSince(robotId, now.minusSeconds(1)));
            }
            var claimed = new ArrayList<Outbox.Message>();
            for (var m : due) {
                if (outbox.claim(m, now, now.plus(CLAIM))) {
                    claimed.add(m);
                }
            }
            var plan = Digests.plan(claimed.stream().map(Outbox.Message::payload).toList(), budget, kind.maxBytes());
            var planned = new java.util.HashSet<Integer>();
            for (List<Integer> group : plan) {
                planned.addAll(group);
                var messages = group.stream().map(claimed::get).toList();
                String text = Digests.render(messages.stream().map(Outbox.Message::payload).toList(), kind.maxBytes());
                String title = messages.size() == 1 ? messages.getFirst().subject() : "契约通知汇总（" + messages.size() + " 条）";
                var request = RobotMessages.build(json, robot.get(), title, text, now.toEpochMilli());
                Integer status = null;
                String error;
                var refused = addresses.refusedOnDelivery(request.url());
                if (refused.isPresent()) {
                    error = refused.get().reason();
                } else {
                    try {
                        var response = http().send(HttpRequest.newBuilder(URI.create(request.url())).timeout(httpTimeout)
                                        .header("Content-Type", "application/json; charset=utf-8")
                                        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        status = response.statusCode();
                        error = status / 100 == 2 ? RobotMessages.refusal(json, response.body()) : "HTTP " + status;
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                }
                robots.recordDispatch(robotId, now, messages.size(), status, error);
                for (var m : messages) {
                    if (error == null) {
                        outbox.sent(m.id(), status, now);
                    } else {
                        outbox.failed(m, status, error, now, maxAttempts,
                                kind == RobotKind.DINGTALK ? DINGTALK_BLOCK : null);
                    }
                }
                if (error == null) {
                    posted++;
                } else {
                    failed[0]++;
                    // the robot refused or did not answer: the other digests wait instead of running into it too
                    break;
                }
            }
            // over this minute's budget: back to the queue untouched, sent (in a digest) when the budget allows
            for (int i = 0; i < claimed.size(); i++) {
                if (!planned.contains(i)) {
                    outbox.release(claimed.get(i).id());
                }
            }
        }
        return posted;
    }
}

package io.qiyue.notification;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.FieldCipher;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The installation's outgoing webhooks (admins only) and their delivery logs. */
@Service
public class Webhooks {
    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final Clock clock;
    private final OutboundAddresses addresses;
    private final ApplicationEventPublisher events;

    Webhooks(JdbcClient jdbc, FieldCipher cipher, Outbox outbox, Clock clock, ApplicationEventPublisher events,
             OutboundAddresses addresses) {
        this.events = events;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
        this.addresses = addresses;
    }

    public List<Webhook> list() {
        NotificationSettingsStore.requireAdmin();
        return jdbc.sql("SELECT * FROM webhook ORDER BY created_at, id").query((rs, n) -> map(rs)).list();
    }

    public Webhook get(String id) {
        NotificationSettingsStore.requireAdmin();
        return find(id).orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "webhook", id));
    }

    @Transactional
    public Webhook create(Webhook.WebhookInput input) {
        NotificationSettingsStore.requireAdmin();
        var violations = new ArrayList<FieldViolation>();
        String url = Text.blankToNull(input.url());
        if (Text.isBlank(url)) {
            violations.add(new FieldViolation("url", "qiyue.validation.required"));
        } else if (url.length() > 2000 || !NotificationSettingsStore.httpUrl(url)) {
            violations.add(new FieldViolation("url", "notification.problem.url"));
        } else {
            addresses.refusedOnSave(url).ifPresent(address ->
                    violations.add(new FieldViolation("url", "notification.problem.address", address)));
        }
        var events = events(input.events(), violations);
        String secret = input.secret();
        if (Text.isBlank(secret)) {
            violations.add(new FieldViolation("secret", "qiyue.validation.required"));
        } else if (secret.length() < 16 || secret.length() > 200) {
            violations.add(new FieldViolation("secret", "notification.problem.secret", 16, 200));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String id = Ids.newId();
        jdbc.sql("INSERT INTO webhook (id, url, events, secret_cipher, created_at, created_by) VALUES (?,?,?,?,?,?)")
                .params(id, url, String.join(",", events), cipher.encrypt(secret), DbTime.toDb(clock.instant()),
                        CurrentUsers.require().username()).update();
        // the secret is never written to the audit trail, only that one was set
        this.events.publishEvent(new EntityChanged("WEBHOOK", id, EntityChanged.Action.CREATE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("url", null, url),
                new EntityChanged.Change("events", null, String.join(",", events)),
                new EntityChanged.Change("secret", null, "******"))));
        return get(id);
    }

    /** Removes the endpoint; what was still queued for it is cancelled (the log keeps it). */
    @Transactional
    public void delete(String id) {
        var webhook = get(id);
        jdbc.sql("DELETE FROM webhook WHERE id = ?").param(id).update();
        outbox.cancelPending(Outbox.Channel.WEBHOOK, id);
        events.publishEvent(new EntityChanged("WEBHOOK", id, EntityChanged.Action.DELETE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("url", webhook.url(), null))));
    }

    public PageResult<Delivery> deliveries(String id, Integer page, Integer size) {
        get(id);
        return outbox.log(Outbox.Channel.WEBHOOK, id, page, size);
    }

    /** Each webhook subscribed to the kind, with its secret, for the dispatcher. */
    List<String> subscribedTo(EventKind kind) {
        return jdbc.sql("SELECT id, events FROM webhook").query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)})
                .list().stream().filter(r -> Arrays.asList(r[1].split(",")).contains(kind.eventName()))
                .map(r -> r[0]).toList();
    }

    /** The URL and the secret in clear, for the worker; empty once the webhook was deleted. */
    Optional<String[]> endpoint(String id) {
        return jdbc.sql("SELECT url, secret_cipher FROM webhook WHERE id = ?").param(id)
                .query((rs, n) -> new String[]{rs.getString(1), cipher.decrypt(rs.getString(2))}).optional();
    }

    private Optional<Webhook> find(String id) {
        return jdbc.sql("SELECT * FROM webhook WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    /** Event names as subscribed: known ones only, at least one, each once, in the order given. */
    static List<String> events(List<String> given, List<FieldViolation> violations) {
        if (given == null || given.isEmpty()) {
            violations.add(new FieldViolation("events", "qiyue.validation.required"));
            return List.of();
        }
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i) == null ? null : given.get(i).trim();
            var kind = name == null ? Optional.<EventKind>empty() : EventKind.byEventName(name);
            if (kind.isEmpty()) {
                violations.add(new FieldViolation("events[" + i + "]", "notification.problem.unknown-event",
                        String.join(", ", Arrays.stream(EventKind.values()).map(EventKind::eventName).toList())));
            } else {
                names.add(kind.get().eventName());
            }
        }
        return List.copyOf(names);
    }

    private static Webhook map(ResultSet rs) throws SQLException {
        return new Webhook(rs.getString("id"), rs.getString("url"), List.of(rs.getString("events").split(",")),
                DbTime.read(rs, "created_at"), rs.getString("created_by"));
    }
}

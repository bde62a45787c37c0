package io.qiyue.notification;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.FieldCipher;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.Ids;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The group robots an admin configured, and what was posted to them. */
@Service
public class GroupRobots {
    record Endpoint(String id, RobotKind kind, String url, String secret) {
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final Clock clock;
    private final OutboundAddresses addresses;

    private final ApplicationEventPublisher events;

    GroupRobots(JdbcClient jdbc, FieldCipher cipher, Outbox outbox, Clock clock, ApplicationEventPublisher events,
                OutboundAddresses addresses) {
        this.events = events;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
        this.addresses = addresses;
    }

    public List<GroupRobot> list() {
        NotificationSettingsStore.requireAdmin();
        return jdbc.sql("SELECT * FROM group_robot ORDER BY created_at, id").query((rs, n) -> map(rs)).list();
    }

    public GroupRobot get(String id) {
        NotificationSettingsStore.requireAdmin();
        return jdbc.sql("SELECT * FROM group_robot WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "group-robot", id));
    }

    @Transactional
    public GroupRobot create(GroupRobot.RobotInput input) {
        NotificationSettingsStore.requireAdmin();
        var violations = new ArrayList<FieldViolation>();
        String name = Text.blankToNull(input.name());
        if (Text.isBlank(name)) {
            violations.add(new FieldViolation("name", "qiyue.validation.required"));
        } else if (name.length() > 100) {
            violations.add(new FieldViolation("name", "notification.problem.too-long", 100));
        }
        RobotKind kind = null;
        if (Text.isBlank(input.kind())) {
            violations.add(new FieldViolation("kind", "qiyue.validation.required"));
        } else {
            try {
                kind = RobotKind.valueOf(input.kind().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("kind", "notification.problem.robot-kind"));
            }
        }
        String url = Text.blankToNull(input.url());
        if (Text.isBlank(url)) {
            violations.add(new FieldViolation("url", "qiyue.validation.required"));
        } else if (url.length() > 2000 || !NotificationSettingsStore.httpUrl(url)) {
            violations.add(new FieldViolation("url", "notification.problem.url"));
        } else {
            addresses.refusedOnSave(url).ifPresent(address ->
                    violations.add(new FieldViolation("url", "notification.problem.address", address)));
        }
        String secret = Text.blankToNull(input.secret());
        if (secret != null && secret.length() > 200) {
            violations.add(new FieldViolation("secret", "notification.problem.too-long", 200));
        }
        var events = Webhooks.events(input.events(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String id = Ids.newId();
        jdbc.sql("INSERT INTO group_robot (id, name, kind, url_cipher, url_hint, secret_cipher, events, created_at,"
                        + " created_by) VALUES (?,?,?,?,?,?,?,?,?)")
                .params(id, name, kind.name(), cipher.encrypt(url), hint(url), secret == null ? null : cipher.encrypt(secret),
                        String.join(",", events), DbTime.toDb(clock.instant()), CurrentUsers.require().username())
                .update();
        // the robot's URL carries its access token: the trail keeps only its hint
        this.events.publishEvent(new EntityChanged("GROUP_ROBOT", id, EntityChanged.Action.CREATE,
                CurrentUsers.actorName(), clock.instant(), List.of(new EntityChanged.Change("name", null, name),
                new EntityChanged.Change("kind", null, kind.name()), new EntityChanged.Change("url", null, hint(url)),
                new EntityChanged.Change("events", null, String.join(",", events)))));
        return get(id);
    }

    @Transactional
    public void delete(String id) {
        var robot = get(id);
        jdbc.sql("DELETE FROM group_robot WHERE id = ?").param(id).update();
        outbox.cancelPending(Outbox.Channel.ROBOT, id);
        events.publishEvent(new EntityChanged("GROUP_ROBOT", id, EntityChanged.Action.DELETE, CurrentUsers.actorName(),
                clock.instant(), List.of(new EntityChanged.Change("name", robot.name(), null))));
    }

    public List<GroupRobot.Dispatch> dispatches(String id) {
        get(id);
        return jdbc.sql("SELECT * FROM robot_dispatch WHERE robot_id = ? ORDER BY sent_at DESC, id DESC LIMIT 100")
                .param(id).query((rs, n) -> {
                    int code = rs.getInt("status_code");
                    return new GroupRobot.Dispatch(rs.getString("id"), DbTime.read(rs, "sent_at"), rs.getInt("items"),
                            rs.wasNull() ? null : code, rs.getString("error"));
                }).list();
    }

    List<String> subscribedTo(EventKind kind) {
        return jdbc.sql("SELECT id, events FROM group_robot").query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)})
                .list().stream().filter(r -> Arrays.asList(r[1].split(",")).contains(kind.eventName()))
                .map(r -> r[0]).toList();
    }

    Optional<Endpoint> endpoint(String id) {
        return jdbc.sql("SELECT id, kind, url_cipher, secret_cipher FROM group_robot WHERE id = ?").param(id)
                .query((rs, n) -> new Endpoint(rs.getString(1), RobotKind.valueOf(rs.getString(2)),
                        cipher.decrypt(rs.getString(3)), cipher.decrypt(rs.getString(4)))).optional();
    }

    /** How many messages were posted to the robot since {@code since}: what its rate limit counts. */
    int postedSince(String robotId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM robot_dispatch WHERE robot_id = ? AND sent_at > ?")
                .params(robotId, DbTime.toDb(since)).query(Integer.class).single();
    }

    void recordDispatch(String robotId, Instant at, int items, Integer statusCode, String error) {
        jdbc.sql("INSERT INTO robot_dispatch (id, robot_id, sent_at, items, status_code, error) VALUES (?,?,?,?,?,?)")
                .params(Ids.newId(), robotId, DbTime.toDb(at), items, statusCode,
                        error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error).update();
    }

    private static String hint(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
    }

    private static GroupRobot map(ResultSet rs) throws SQLException {
        return new GroupRobot(rs.getString("id"), rs.getString("name"), RobotKind.valueOf(rs.getString("kind")),
                rs.getString("url_hint"), rs.getString("secret_cipher") != null,
                List.of(rs.getString("events").split(",")), DbTime.read(rs, "created_at"), rs.getString("created_by"));
    }
}

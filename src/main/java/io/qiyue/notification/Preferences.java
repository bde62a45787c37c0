package io.qiyue.notification;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Each user's channels per event kind; a kind the user never changed follows its default. */
@Service
public class Preferences {
    private final JdbcClient jdbc;

    Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A preference as the client sends it: the kind by name, so that an unknown one is named in a 400. */
    public record Change(String kind, Boolean inApp, Boolean email) {
    }

    public List<Preference> mine() {
        return of(CurrentUsers.require().username());
    }

    List<Preference> of(String username) {
        var stored = new EnumMap<EventKind, Preference>(EventKind.class);
        jdbc.sql("SELECT kind, in_app, email FROM notification_preference WHERE username = ?").param(username)
                .query(rs -> {
                    try {
                        var kind = EventKind.valueOf(rs.getString("kind"));
                        stored.put(kind, new Preference(kind, rs.getBoolean("in_app"), rs.getBoolean("email")));
                    } catch (IllegalArgumentException retired) {
                        // a kind a later release removed: nothing to apply it to
                    }
                });
        var all = new ArrayList<Preference>();
        for (EventKind kind : EventKind.values()) {
            all.add(stored.getOrDefault(kind, new Preference(kind, true, kind.emailByDefault())));
        }
        return all;
    }

    Preference of(String username, EventKind kind) {
        return of(username).get(kind.ordinal());
    }

    /** Changes the kinds listed (the others keep theirs); all of them or none when one is refused. */
    @Transactional
    public List<Preference> update(List<Change> changes) {
        String me = CurrentUsers.require().username();
        var violations = new ArrayList<FieldViolation>();
        if (changes == null) {
            throw new InvalidInputException("preferences", "qiyue.validation.required");
        }
        var parsed = new EnumMap<EventKind, Preference>(EventKind.class);
        for (int i = 0; i < changes.size(); i++) {
            var change = changes.get(i);
            String at = "preferences[" + i + "]";
            if (change == null) {
                violations.add(new FieldViolation(at, "qiyue.validation.required"));
                continue;
            }
            var kind = change.kind() == null ? null : EventKind.byEventName(change.kind().trim()).orElse(null);
            if (kind == null) {
                violations.add(new FieldViolation(at + ".kind", "notification.problem.unknown-kind", kindNames()));
            } else if (parsed.containsKey(kind)) {
                violations.add(new FieldViolation(at + ".kind", "notification.problem.duplicate-kind", kind.name()));
            }
            if (change.inApp() == null) {
                violations.add(new FieldViolation(at + ".inApp", "qiyue.validation.required"));
            }
            if (change.email() == null) {
                violations.add(new FieldViolation(at + ".email", "qiyue.validation.required"));
            }
            if (kind != null && change.inApp() != null && change.email() != null) {
                parsed.put(kind, new Preference(kind, change.inApp(), change.email()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        for (Map.Entry<EventKind, Preference> e : parsed.entrySet()) {
            jdbc.sql("DELETE FROM notification_preference WHERE username = ? AND kind = ?").params(me, e.getKey().name())
                    .update();
            jdbc.sql("INSERT INTO notification_preference (username, kind, in_app, email) VALUES (?,?,?,?)")
                    .params(me, e.getKey().name(), e.getValue().inApp(), e.getValue().email()).update();
        }
        return of(me);
    }

    /** Whether the caller's reminder e-mails come as one daily digest (the default) or one by one. */
    public boolean myDailyDigest() {
        return dailyDigest(CurrentUsers.require().username());
    }

    boolean dailyDigest(String username) {
        return jdbc.sql("SELECT daily_digest FROM notification_digest_choice WHERE username = ?").param(username)
                .query(Boolean.class).optional().orElse(true);
    }

    @Transactional
    public boolean updateDailyDigest(boolean daily) {
        String me = CurrentUsers.require().username();
        jdbc.sql("DELETE FROM notification_digest_choice WHERE username = ?").param(me).update();
        jdbc.sql("INSERT INTO notification_digest_choice (username, daily_digest) VALUES (?,?)").params(me, daily)
                .update();
        return daily;
    }

    static String kindNames() {
        return String.join(", ", java.util.Arrays.stream(EventKind.values()).map(Enum::name).toList());
    }
}

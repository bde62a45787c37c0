package io.qiyue.notification;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.FieldCipher;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * The notification settings: the admin's saved values, or the {@code QIYUE_SMTP_*} environment until an admin
 * saves them. The SMTP password is stored encrypted with {@link FieldCipher}.
 */
@Service
public class NotificationSettingsStore implements io.qiyue.shared.OutgoingMail, io.qiyue.shared.PublicBaseUrl {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The effective settings with the password in clear, for the mail worker only. */
    record Effective(String host, int port, String username, String password, boolean tls, String from,
                     String baseUrl) {
        boolean mailConfigured() {
            return host != null && from != null;
        }
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Effective defaults;
    /** QIYUE_PUBLIC_BASE_URL, null when not set. */
    private final String configuredBaseUrl;

    NotificationSettingsStore(JdbcClient jdbc, FieldCipher cipher, Clock clock, ApplicationEventPublisher events,
                  @Value("${qiyue.smtp.host:}") String host, @Value("${qiyue.smtp.port:25}") int port,
                  @Value("${qiyue.smtp.username:}") String username, @Value("${qiyue.smtp.password:}") String password,
                  @Value("${qiyue.smtp.tls:false}") boolean tls, @Value("${qiyue.smtp.from:}") String from,
                  @Value("${qiyue.public-base-url:}") String baseUrl, @Value("${server.port:8080}") int serverPort) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.events = events;
        this.configuredBaseUrl = trimSlash(Text.blankToNull(baseUrl));
        // e-mails are sent without a request to take an address from: this machine's, for a trial on one laptop
        this.defaults = new Effective(Text.blankToNull(host), port, Text.blankToNull(username),
                Text.blankToNull(password), tls, Text.blankToNull(from),
                configuredBaseUrl != null ? configuredBaseUrl : "http://localhost:" + serverPort);
    }

    public NotificationSettings get() {
        requireAdmin();
        var e = effective();
        // the stored address, not the one links fall back to: shown as set, a cleared address would look kept
        return new NotificationSettings(e.host(), e.port(), e.username(), e.password() != null, e.tls(), e.from(),
                configuredBaseUrl().orElse(null), defaults.baseUrl(), version());
    }

    /** Whether e-mail can go out: a server and a sender are set (by an admin, or by QIYUE_SMTP_*). */
    @Override
    public boolean configured() {
        return effective().mailConfigured();
    }

    /** The address an admin set in the settings, else QIYUE_PUBLIC_BASE_URL; empty when neither is. */
    @Override
    public java.util.Optional<String> configuredBaseUrl() {
        return jdbc.sql("SELECT public_base_url FROM notification_settings WHERE id = 1").query(String.class)
                .optional().or(() -> java.util.Optional.ofNullable(configuredBaseUrl));
    }

    Effective effective() {
        return jdbc.sql("SELECT * FROM notification_settings WHERE id = 1")
                .query((rs, n) -> new Effective(rs.getString("smtp_host"), rs.getInt("smtp_port"),
                        rs.getString("smtp_username"), cipher.decrypt(rs.getString("smtp_password_cipher")),
                        rs.getBoolean("smtp_tls"), rs.getString("from_address"),
                        rs.getString("public_base_url") == null ? defaults.baseUrl() : rs.getString("public_base_url")))
                .optional().orElse(defaults);
    }

    private int version() {
        return jdbc.sql("SELECT version FROM notification_settings WHERE id = 1").query(Integer.class).optional().orElse(0);
    }

    @Transactional
    public NotificationSettings update(int expectedVersion, NotificationSettings.SettingsInput input) {
        requireAdmin();
        var before = get();
        int current = version();
        if (expectedVersion != current) {
            throw new PreconditionFailedException("qiyue.problem.stale", current);
        }
        var violations = new ArrayList<FieldViolation>();
        String host = Text.blankToNull(input.smtpHost());
        if (host != null && (host.length() > 255 || !host.matches("[A-Za-z0-9.\\-:\\[\\]]+"))) {
            violations.add(new FieldViolation("smtpHost", "notification.problem.host"));
        }
        int port = input.smtpPort() == null ? 25 : input.smtpPort();
        if (port < 1 || port > 65535) {
            violations.add(new FieldViolation("smtpPort", "notification.problem.port"));
        }
        String from = Text.blankToNull(input.fromAddress());
        if (from != null && (from.length() > 254 || !EMAIL.matcher(from).matches())) {
            violations.add(new FieldViolation("fromAddress", "notification.problem.email"));
        }
        if (host != null && from == null) {
            violations.add(new FieldViolation("fromAddress", "qiyue.validation.required"));
        }
        String baseUrl = Text.blankToNull(input.publicBaseUrl());
        if (baseUrl != null && (baseUrl.length() > 500 || !httpUrl(baseUrl))) {
            violations.add(new FieldViolation("publicBaseUrl", "notification.problem.url"));
        }
        String username = Text.blankToNull(input.smtpUsername());
        if (username != null && username.length() > 255) {
            violations.add(new FieldViolation("smtpUsername", "notification.problem.too-long", 255));
        }
        if (input.smtpPassword() != null && input.smtpPassword().length() > 500) {
            violations.add(new FieldViolation("smtpPassword", "notification.problem.too-long", 500));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String passwordCipher = input.smtpPassword() == null
                ? jdbc.sql("SELECT smtp_password_cipher FROM notification_settings WHERE id = 1").query(String.class)
                .optional().orElse(defaults.password() == null ? null : cipher.encrypt(defaults.password()))
                : input.smtpPassword().isEmpty() ? null : cipher.encrypt(input.smtpPassword());
        String by = CurrentUsers.require().username();
        var now = DbTime.toDb(clock.instant());
        boolean tls = Boolean.TRUE.equals(input.smtpTls());
        String url = baseUrl == null ? null : trimSlash(baseUrl);
        if (current == 0) {
            jdbc.sql("INSERT INTO notification_settings (id, smtp_host, smtp_port, smtp_username, smtp_password_cipher,"
                            + " smtp_tls, from_address, public_base_url, version, updated_at, updated_by)"
                            + " VALUES (1,?,?,?,?,?,?,?,1,?,?)")
                    .params(host, port, username, passwordCipher, tls, from, url, now, by).update();
        } else if (jdbc.sql("UPDATE notification_settings SET smtp_host=?, smtp_port=?, smtp_username=?,"
                        + " smtp_password_cipher=?, smtp_tls=?, from_address=?, public_base_url=?, version=version+1,"
                        + " updated_at=?, updated_by=? WHERE id = 1 AND version = ?")
                .params(host, port, username, passwordCipher, tls, from, url, now, by, current).update() == 0) {
            throw new PreconditionFailedException("qiyue.problem.stale", version());
        }
        var after = get();
        audit(before, after, input.smtpPassword() != null);
        return after;
    }

    /** What changed, for the audit trail; the password only as "changed". */
    private void audit(NotificationSettings before, NotificationSettings after, boolean passwordChanged) {
        var changes = new ArrayList<EntityChanged.Change>();
        change(changes, "smtpHost", before.smtpHost(), after.smtpHost());
        change(changes, "smtpPort", before.smtpPort(), after.smtpPort());
        change(changes, "smtpUsername", before.smtpUsername(), after.smtpUsername());
        change(changes, "smtpTls", before.smtpTls(), after.smtpTls());
        change(changes, "fromAddress", before.fromAddress(), after.fromAddress());
        change(changes, "publicBaseUrl", before.publicBaseUrl(), after.publicBaseUrl());
        if (passwordChanged) {
            changes.add(new EntityChanged.Change("smtpPassword", "******", "******"));
        }
        events.publishEvent(new EntityChanged("NOTIFICATION_SETTINGS", "smtp", EntityChanged.Action.UPDATE,
                CurrentUsers.actorName(), clock.instant(), changes));
    }

    private static void change(java.util.List<EntityChanged.Change> changes, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(new EntityChanged.Change(field, before == null ? null : before.toString(),
                    after == null ? null : after.toString()));
        }
    }

    static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String trimSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}

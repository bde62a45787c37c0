package io.qiyue.notification;

import io.qiyue.shared.Ids;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outbox table: every e-mail, webhook delivery and robot message waits here until the worker sent it.
 * A row is claimed with a versioned UPDATE (works alike on H2, PostgreSQL and MariaDB), so two instances that
 * see the same due row never both send it; a claim that outlives a crashed instance expires and is taken again.
 */
@Component
class Outbox {
    enum Channel { EMAIL, WEBHOOK, ROBOT }

    enum Status { PENDING, SENDING, SENT, FAILED, CANCELLED }

    /**
     * {@code linkRef} is the customer's signing link the message carries, or null; {@code awaits} what it asks its
     * recipient to act on ({@link PendingActions#reference}), or null.
     */
    record Message(String id, Channel channel, String target, EventKind kind, String subject, String payload,
                   String linkRef, String awaits, int attempts, int version, Instant createdAt) {
    }

    private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at");
    /** Why a message with a signing link was not sent, in its log. */
    static final String DEAD_LINK = "signing link no longer valid";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Channel channel, String target, EventKind kind, String subject, String payload, Instant now) {
        add(channel, target, kind, subject, payload, null, now);
    }

    /** A message that carries a customer's signing link: sent only while that link still opens its request. */
    void add(Channel channel, String target, EventKind kind, String subject, String payload, String linkRef,
             Instant now) {
        add(channel, target, kind, subject, payload, linkRef, null, now);
    }

    /**
     * A message that asks its recipient to act ({@code awaits}, see {@link PendingActions}): sent only while that is
     * still to be done.
     */
    void add(Channel channel, String target, EventKind kind, String subject, String payload, String linkRef,
             String awaits, Instant now) {
        jdbc.sql("INSERT INTO notification_outbox (id, channel, target, event_kind, subject, payload, link_ref, awaits,"
                        + " status, attempts, next_attempt_at, created_at, version)"
                        + " VALUES (?,?,?,?,?,?,?,?,'PENDING',0,?,?,0)")
                .params(Ids.newId(), channel.name(), target, kind.name(), subject, payload, linkRef, awaits,
                        DbTime.toDb(now), DbTime.toDb(now)).update();
    }

    /** Due messages of a channel: pending and due, or claimed by an instance whose claim has run out. */
    List<Message> due(Channel channel, Instant now, int limit) {
        return jdbc.sql("SELECT * FROM notification_outbox WHERE channel = :channel AND ((status = 'PENDING'"
                        + " AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_until < :now))"
                        + " ORDER BY created_at, id LIMIT " + limit)
                .param("channel", channel.name()).param("now", DbTime.toDb(now)).query((rs, n) -> map(rs)).list();
    }

    /** The robots that have due messages. */
    List<String> dueTargets(Channel channel, Instant now) {
        return jdbc.sql("SELECT DISTINCT target FROM notification_outbox WHERE channel = :channel AND ((status ="
                        + " 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_until < :now))")
                .param("channel", channel.name()).param("now", DbTime.toDb(now)).query(String.class).list();
    }

    List<Message> dueFor(Channel channel, String target, Instant now, int limit) {
        return jdbc.sql("SELECT * FROM notification_outbox WHERE channel = :channel AND target = :target AND"
                        + " ((status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_until"
                        + " < :now)) ORDER BY created_at, id LIMIT " + limit)
                .param("channel", channel.name()).param("target", target).param("now", DbTime.toDb(now))
                .query((rs, n) -> map(rs)).list();
    }

    /** Takes the message for this instance until {@code until}; false when another instance took it first. */
    boolean claim(Message m, Instant now, Instant until) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'SENDING', claimed_until = ?, version = version + 1"
                        + " WHERE id = ? AND version = ? AND (status = 'PENDING' OR (status = 'SENDING'"
                        + " AND claimed_until < ?))")
                .params(DbTime.toDb(until), m.id(), m.version(), DbTime.toDb(now)).update() == 1;
    }

    void sent(String id, Integer statusCode, Instant now) {
        jdbc.sql("UPDATE notification_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?,"
                        + " last_status_code = ?, last_error = NULL, claimed_until = NULL, version = version + 1 WHERE id = ?")
                .params(DbTime.toDb(now), statusCode, id).update();
    }

    /**
     * A failed attempt: tried again after an exponential backoff (30 s, 1 min, 2 min … at most an hour), or
     * given up as FAILED after {@code maxAttempts}; the log shows which.
     */
    void failed(Message m, Integer statusCode, String error, Instant now, int maxAttempts, Duration atLeast) {
        int attempts = m.attempts() + 1;
        Duration backoff = backoff(attempts);
        if (atLeast != null && atLeast.compareTo(backoff) > 0) {
            backoff = atLeast;
        }
        String status = attempts >= maxAttempts ? Status.FAILED.name() : Status.PENDING.name();
        String message = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("UPDATE notification_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?,"
                        + " last_error = ?, claimed_until = NULL, version = version + 1 WHERE id = ?")
                .params(status, attempts, DbTime.toDb(now.plus(backoff)), statusCode, message, m.id()).update();
    }

    /** Back to the queue without counting an attempt: the robot's rate limit, not the message, held it back. */
    void release(String id) {
        jdbc.sql("UPDATE notification_outbox SET status = 'PENDING', claimed_until = NULL, version = version + 1"
                + " WHERE id = ?").param(id).update();
    }

    static Duration backoff(int attempts) {
        long seconds = 30L << Math.min(Math.max(attempts - 1, 0), 7);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    /** A claimed message that will not be sent, with the reason in its log. */
    void cancel(String id, String reason) {
        jdbc.sql("UPDATE notification_outbox SET status = 'CANCELLED', last_error = ?, claimed_until = NULL,"
                + " version = version + 1 WHERE id = ?").params(reason, id).update();
    }

    /**
     * Cancels the e-mails to {@code target} still waiting with a signing link that no longer opens anything (a
     * reminder or a reissue replaced it): the mail that replaces them carries the valid one.
     */
    void cancelDeadLinks(String target, java.util.function.Predicate<String> opens) {
        var waiting = jdbc.sql("SELECT id, link_ref FROM notification_outbox WHERE channel = 'EMAIL' AND target = ?"
                        + " AND status = 'PENDING' AND link_ref IS NOT NULL").param(target)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        for (var message : waiting) {
            if (!opens.test(message[1])) {
                jdbc.sql("UPDATE notification_outbox SET status = 'CANCELLED', last_error = ?, version = version + 1"
                        + " WHERE id = ? AND status = 'PENDING'").params(DEAD_LINK, message[0]).update();
            }
        }
    }

    void cancelPending(Channel channel, String target) {
        jdbc.sql("UPDATE notification_outbox SET status = 'CANCELLED', version = version + 1 WHERE channel = ? AND"
                + " target = ? AND status IN ('PENDING', 'SENDING')").params(channel.name(), target).update();
    }

    PageResult<Delivery> log(Channel channel, String target, Integer page, Integer size) {
        var paging = Paging.of(page, size, null, SORTABLE, "createdAt,desc");
        long total = jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE channel = ? AND target = ?")
                .params(channel.name(), target).query(Long.class).single();
        var items = jdbc.sql("SELECT * FROM notification_outbox WHERE channel = ? AND target = ?"
                        + " ORDER BY created_at DESC, id DESC LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .params(channel.name(), target).query((rs, n) -> delivery(rs)).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    /** The newest messages of every channel, for the admin's overview. */
    List<Delivery> recent(Channel channel, int limit) {
        return jdbc.sql("SELECT * FROM notification_outbox WHERE channel = ? ORDER BY created_at DESC, id DESC LIMIT "
                + limit).param(channel.name()).query((rs, n) -> delivery(rs)).list();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        String status = rs.getString("status");
        return new Delivery(rs.getString("id"), EventKind.valueOf(rs.getString("event_kind")).eventName(), status,
                rs.getInt("attempts"), statusCode, rs.getString("last_error"),
                Status.PENDING.name().equals(status) ? DbTime.read(rs, "next_attempt_at") : null,
                DbTime.read(rs, "created_at"), DbTime.read(rs, "sent_at"));
    }

    private static Message map(ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), Channel.valueOf(rs.getString("channel")), rs.getString("target"),
                EventKind.valueOf(rs.getString("event_kind")), rs.getString("subject"), rs.getString("payload"),
                rs.getString("link_ref"), rs.getString("awaits"), rs.getInt("attempts"), rs.getInt("version"), DbTime.read(rs, "created_at"));
    }
}

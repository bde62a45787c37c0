package io.qiyue.notification;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** The signed-in user's in-app notifications: each user sees and marks only their own. */
@Service
public class Notifications {
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final JsonMapper json;

    Notifications(JdbcClient jdbc, Clock clock, MessageSource messages, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.json = json;
    }

    public PageResult<Notification> mine(boolean unreadOnly, Integer page, Integer size) {
        String me = CurrentUsers.require().username();
        var paging = Paging.of(page, size, null, SORTABLE, "createdAt,desc");
        String where = " WHERE recipient = :me" + (unreadOnly ? " AND read_at IS NULL" : "");
        long total = jdbc.sql("SELECT COUNT(*) FROM notification" + where).param("me", me).query(Long.class).single();
        var items = jdbc.sql("SELECT * FROM notification" + where + " ORDER BY created_at DESC, id DESC LIMIT "
                        + paging.size() + " OFFSET " + paging.offset())
                .param("me", me).query((rs, n) -> map(rs)).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    public long unreadCount() {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = ? AND read_at IS NULL")
                .param(CurrentUsers.require().username()).query(Long.class).single();
    }

    /** Marks one of the caller's notifications read; another user's is not found, as if it did not exist. */
    @Transactional
    public Notification markRead(String id) {
        String me = CurrentUsers.require().username();
        jdbc.sql("UPDATE notification SET read_at = ? WHERE id = ? AND recipient = ? AND read_at IS NULL")
                .params(DbTime.toDb(clock.instant()), id, me).update();
        return jdbc.sql("SELECT * FROM notification WHERE id = ? AND recipient = ?").params(id, me)
                .query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "notification", id));
    }

    /** Marks all of the caller's unread notifications read; returns how many it marked. */
    @Transactional
    public int markAllRead() {
        return jdbc.sql("UPDATE notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL")
                .params(DbTime.toDb(clock.instant()), CurrentUsers.require().username()).update();
    }

    /** Writes one in-app notification: its text as written (Chinese) and its wording, worded again when read. */
    void add(String recipient, EventKind kind, String contractId, String title, String body, String wording,
             String link, java.time.Instant at) {
        jdbc.sql("INSERT INTO notification (id, recipient, kind, contract_id, title, body, wording, link, created_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)")
                .params(io.qiyue.shared.Ids.newId(), recipient, kind.name(), contractId, title, body, wording, link,
                        DbTime.toDb(at)).update();
    }

    /**
     * The requests to act on these approval tasks (待您审批, 已转交给您 …, linking to the task) are marked read: the
     * tasks were decided or closed, so nothing waits there any more.
     */
    @Transactional
    void tasksEnded(java.util.List<String> taskIds, java.time.Instant at) {
        if (taskIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE notification SET read_at = :at WHERE link IN (:links) AND read_at IS NULL")
                .param("at", DbTime.toDb(at))
                .param("links", taskIds.stream().map(id -> "/approvals/" + id).toList())
                .update();
    }

    /** The contract left signing: the requests to sign it (待您签署, 合同待签署) are marked read. */
    @Transactional
    void signingEnded(String contractId, java.time.Instant at) {
        jdbc.sql("UPDATE notification SET read_at = ? WHERE contract_id = ? AND kind IN (?, ?) AND read_at IS NULL")
                .params(DbTime.toDb(at), contractId, EventKind.SIGNATURE_REQUESTED.name(),
                        EventKind.SIGNING_REQUESTED.name())
                .update();
    }

    /**
     * The requests to sign this contract (待您签署) of the readers it no longer waits for are marked read: they signed,
     * or their part of the round ended while the contract stays in signing.
     */
    @Transactional
    void signaturesSettled(String contractId, java.util.function.Predicate<String> stillAwaited,
                           java.time.Instant at) {
        var asked = jdbc.sql("SELECT DISTINCT recipient FROM notification WHERE contract_id = ? AND kind = ?"
                        + " AND read_at IS NULL")
                .params(contractId, EventKind.SIGNATURE_REQUESTED.name()).query(String.class).list();
        for (String recipient : asked) {
            if (!stillAwaited.test(recipient)) {
                jdbc.sql("UPDATE notification SET read_at = ? WHERE contract_id = ? AND kind = ? AND recipient = ?"
                                + " AND read_at IS NULL")
                        .params(DbTime.toDb(at), contractId, EventKind.SIGNATURE_REQUESTED.name(), recipient)
                        .update();
            }
        }
    }

    /** In the reader's language when its wording was kept, else as it was written. */
    private Notification map(ResultSet rs) throws SQLException {
        var kind = EventKind.valueOf(rs.getString("kind"));
        var wording = Wording.fromJson(json, rs.getString("wording"));
        var locale = LocaleContextHolder.getLocale();
        return new Notification(rs.getString("id"), kind, rs.getString("contract_id"),
                wording == null ? rs.getString("title") : wording.title(kind, messages, locale),
                wording == null ? rs.getString("body") : wording.body(kind, messages, locale),
                rs.getString("link"), DbTime.read(rs, "created_at"), DbTime.read(rs, "read_at"));
    }
}

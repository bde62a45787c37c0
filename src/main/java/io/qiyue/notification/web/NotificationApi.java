package io.qiyue.notification.web;

import io.qiyue.notification.Delivery;
import io.qiyue.notification.GroupRobot;
import io.qiyue.notification.GroupRobots;
import io.qiyue.notification.Notification;
import io.qiyue.notification.NotificationSettings;
import io.qiyue.notification.NotificationSettingsStore;
import io.qiyue.notification.Notifications;
import io.qiyue.notification.Preference;
import io.qiyue.notification.Preferences;
import io.qiyue.notification.Webhook;
import io.qiyue.notification.Webhooks;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
class NotificationApi {
    private final Notifications notifications;
    private final Preferences preferences;
    private final NotificationSettingsStore settings;
    private final Webhooks webhooks;
    private final GroupRobots robots;
    private final tools.jackson.databind.json.JsonMapper json;

    NotificationApi(Notifications notifications, Preferences preferences, NotificationSettingsStore settings, Webhooks webhooks,
                    GroupRobots robots, tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.notifications = notifications;
        this.preferences = preferences;
        this.settings = settings;
        this.webhooks = webhooks;
        this.robots = robots;
    }

    record NotificationView(String id, io.qiyue.notification.EventKind kind, String event, String contractId, String title, String body,
                            String link, java.time.Instant createdAt, boolean read, java.time.Instant readAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.kind(), n.kind().eventName(), n.contractId(), n.title(),
                    n.body(), n.link(), n.createdAt(), n.read(), n.readAt());
        }
    }

    record UnreadCount(long unread) {
    }

    record Marked(int marked) {
    }

    /** {@code dailyDigest}: reminder e-mails as one digest a day (true) or one by one. */
    record PreferenceList(List<Preference> preferences, boolean dailyDigest) {
    }

    /** {@code dailyDigest} optional: unchanged when absent. */
    record PreferenceChanges(List<Preferences.Change> preferences, Boolean dailyDigest) {
    }

    @GetMapping("/notifications")
    PageResult<NotificationView> list(@RequestParam(required = false) String unread,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        boolean unreadOnly;
        if (unread == null || unread.isBlank() || unread.equalsIgnoreCase("false")) {
            unreadOnly = false;
        } else if (unread.equalsIgnoreCase("true")) {
            unreadOnly = true;
        } else {
            throw new InvalidInputException("unread", "notification.problem.boolean");
        }
        return notifications.mine(unreadOnly, page, size).map(NotificationView::of);
    }

    @GetMapping("/notifications/unread-count")
    UnreadCount unreadCount() {
        return new UnreadCount(notifications.unreadCount());
    }

    @PostMapping("/notifications/{id}/read")
    NotificationView read(@PathVariable String id) {
        return NotificationView.of(notifications.markRead(id));
    }

    @PostMapping("/notifications/read-all")
    Marked readAll() {
        return new Marked(notifications.markAllRead());
    }

    @GetMapping("/users/me/notification-preferences")
    PreferenceList preferences() {
        return new PreferenceList(preferences.mine(), preferences.myDailyDigest());
    }

    @PutMapping("/users/me/notification-preferences")
    PreferenceList updatePreferences(@RequestBody PreferenceChanges body) {
        if (body.dailyDigest() != null) {
            preferences.updateDailyDigest(body.dailyDigest());
            if (body.preferences() == null) {
                return new PreferenceList(preferences.mine(), body.dailyDigest());
            }
        }
        return new PreferenceList(preferences.update(body.preferences()), preferences.myDailyDigest());
    }

    @GetMapping("/notification-settings")
    ResponseEntity<NotificationSettings> settings() {
        var s = settings.get();
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @PutMapping("/notification-settings")
    ResponseEntity<NotificationSettings> updateSettings(
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @io.swagger.v3.oas.annotations.media.Content(schema =
                    @io.swagger.v3.oas.annotations.media.Schema(
                            implementation = NotificationSettings.SettingsInput.class)))
            @RequestBody tools.jackson.databind.JsonNode body) {
        int expected = Versions.expected(ifMatch);
        // what GET answered may come back as it is: passwordSet and version are ignored while they match
        var input = io.qiyue.shared.web.JsonInput.readUpdate(json, body, settings.get(),
                NotificationSettings.SettingsInput.class);
        var s = settings.update(expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @GetMapping("/webhooks")
    PageResult<Webhook> webhooks(@RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return PageResult.of(webhooks.list(), page, size);
    }

    @PostMapping("/webhooks")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Webhook> createWebhook(@RequestBody Webhook.WebhookInput body) {
        var created = webhooks.create(body);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
    }

    @DeleteMapping("/webhooks/{id}")
    ResponseEntity<Void> deleteWebhook(@PathVariable String id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/webhooks/{id}/deliveries")
    PageResult<Delivery> deliveries(@PathVariable String id, @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        return webhooks.deliveries(id, page, size);
    }

    @GetMapping("/group-robots")
    PageResult<GroupRobot> robots(@RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return PageResult.of(robots.list(), page, size);
    }

    @PostMapping("/group-robots")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<GroupRobot> createRobot(@RequestBody GroupRobot.RobotInput body) {
        var created = robots.create(body);
        return ResponseEntity.created(URI.create("/api/v1/group-robots/" + created.id())).body(created);
    }

    @DeleteMapping("/group-robots/{id}")
    ResponseEntity<Void> deleteRobot(@PathVariable String id) {
        robots.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/group-robots/{id}/dispatches")
    PageResult<GroupRobot.Dispatch> dispatches(@PathVariable String id,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        return PageResult.of(robots.dispatches(id), page, size);
    }
}

package io.qiyue.notification.web;

import io.qiyue.notification.EventKind;
import io.qiyue.notification.GroupRobot;
import io.qiyue.notification.GroupRobots;
import io.qiyue.notification.NotificationSettings;
import io.qiyue.notification.NotificationSettingsStore;
import io.qiyue.notification.Notifications;
import io.qiyue.notification.Preference;
import io.qiyue.notification.Preferences;
import io.qiyue.notification.Webhook;
import io.qiyue.notification.Webhooks;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The notification pages: the user's list (the bell in the header links there), their channel choices, and the
 * admin's settings, webhooks and robots with their logs. The same services serve the REST API.
 */
@PageController
class NotificationPages {
    private final Notifications notifications;
    private final Preferences preferences;
    private final NotificationSettingsStore settings;
    private final Webhooks webhooks;
    private final GroupRobots robots;
    private final MessageSource messages;

    NotificationPages(Notifications notifications, Preferences preferences, NotificationSettingsStore settings,
                      Webhooks webhooks, GroupRobots robots, MessageSource messages) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.settings = settings;
        this.webhooks = webhooks;
        this.robots = robots;
        this.messages = messages;
    }

    @GetMapping("/notifications")
    String list(@RequestParam(required = false) String unread, @RequestParam(required = false) Integer page,
                Model model) {
        boolean unreadOnly = "true".equals(unread);
        model.addAttribute("unreadOnly", unreadOnly);
        model.addAttribute("result", notifications.mine(unreadOnly, page, 20));
        return "notifications/list";
    }

    /** Marks it read and, when asked to open it, goes to what it is about. */
    @PostMapping("/notifications/{id}/read")
    String read(@PathVariable String id, @RequestParam(required = false) String open) {
        var n = notifications.markRead(id);
        return "true".equals(open) && n.link() != null && n.link().startsWith("/") ? "redirect:" + n.link()
                : "redirect:/notifications";
    }

    @PostMapping("/notifications/read-all")
    String readAll(RedirectAttributes redirect) {
        notifications.markAllRead();
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/notifications";
    }

    @GetMapping("/account/notifications")
    String preferences(Model model) {
        model.addAttribute("preferences", preferences.mine());
        model.addAttribute("dailyDigest", preferences.myDailyDigest());
        return "notifications/preferences";
    }

    /** Checkboxes: the kinds listed in {@code inApp} and {@code email} are on, all others off. */
    @PostMapping("/account/notifications")
    String savePreferences(@RequestParam(required = false) List<String> inApp,
                           @RequestParam(required = false) List<String> email,
                           @RequestParam(required = false) String dailyDigest, RedirectAttributes redirect) {
        var on = inApp == null ? List.<String>of() : inApp;
        var mail = email == null ? List.<String>of() : email;
        preferences.update(Arrays.stream(EventKind.values())
                .map(k -> new Preferences.Change(k.name(), on.contains(k.name()), mail.contains(k.name()))).toList());
        preferences.updateDailyDigest(dailyDigest != null);
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/account/notifications";
    }

    @GetMapping("/admin/notifications")
    String admin(Model model) {
        return adminPage(model, null);
    }

    @PostMapping("/admin/notifications/settings")
    String saveSettings(@RequestParam(required = false) String smtpHost, @RequestParam(required = false) String smtpPort,
                        @RequestParam(required = false) String smtpUsername,
                        @RequestParam(required = false) String smtpPassword,
                        @RequestParam(required = false) String clearPassword,
                        @RequestParam(required = false) String smtpTls, @RequestParam(required = false) String fromAddress,
                        @RequestParam(required = false) String publicBaseUrl, @RequestParam int version,
                        Model model, RedirectAttributes redirect) {
        Integer port;
        try {
            port = smtpPort == null || smtpPort.isBlank() ? null : Integer.valueOf(smtpPort.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        // an empty password field keeps the stored one; the checkbox removes it
        String password = "on".equals(clearPassword) ? "" : smtpPassword == null || smtpPassword.isEmpty() ? null : smtpPassword;
        try {
            settings.update(version, new NotificationSettings.SettingsInput(smtpHost, port, smtpUsername, password,
                    "on".equals(smtpTls), fromAddress, publicBaseUrl));
        } catch (InvalidInputException e) {
            return adminPage(model, e.violations());
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/notifications";
    }

    @PostMapping("/admin/notifications/webhooks")
    String createWebhook(@RequestParam(required = false) String url, @RequestParam(required = false) List<String> events,
                         @RequestParam(required = false) String secret, Model model, RedirectAttributes redirect) {
        try {
            webhooks.create(new Webhook.WebhookInput(url, events, secret));
        } catch (InvalidInputException e) {
            return adminPage(model, e.violations());
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/notifications";
    }

    @PostMapping("/admin/notifications/webhooks/{id}/delete")
    String deleteWebhook(@PathVariable String id, RedirectAttributes redirect) {
        webhooks.delete(id);
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/notifications";
    }

    @PostMapping("/admin/notifications/robots")
    String createRobot(@RequestParam(required = false) String name, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String url, @RequestParam(required = false) String secret,
                       @RequestParam(required = false) List<String> events, Model model, RedirectAttributes redirect) {
        try {
            robots.create(new GroupRobot.RobotInput(name, kind, url, secret, events));
        } catch (InvalidInputException e) {
            return adminPage(model, e.violations());
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/notifications";
    }

    @PostMapping("/admin/notifications/robots/{id}/delete")
    String deleteRobot(@PathVariable String id, RedirectAttributes redirect) {
        robots.delete(id);
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/notifications";
    }

    /** One row of a delivery log on the page: where it went and what happened. */
    record LogRow(String target, io.qiyue.notification.Delivery delivery) {
    }

    private String adminPage(Model model, List<FieldViolation> violations) {
        model.addAttribute("settings", settings.get());
        var hooks = webhooks.list();
        model.addAttribute("webhooks", hooks);
        var robotList = robots.list();
        model.addAttribute("robots", robotList);
        model.addAttribute("events", Arrays.stream(EventKind.values()).map(EventKind::eventName).toList());
        model.addAttribute("robotKinds", io.qiyue.notification.RobotKind.values());
        var log = new ArrayList<LogRow>();
        for (Webhook w : hooks) {
            webhooks.deliveries(w.id(), 0, 10).items().forEach(d -> log.add(new LogRow(w.url(), d)));
        }
        log.sort((a, b) -> b.delivery().createdAt().compareTo(a.delivery().createdAt()));
        model.addAttribute("deliveries", log.size() > 30 ? log.subList(0, 30) : log);
        var dispatches = new ArrayList<Object[]>();
        for (GroupRobot r : robotList) {
            robots.dispatches(r.id()).stream().limit(10).forEach(d -> dispatches.add(new Object[]{r.name(), d}));
        }
        model.addAttribute("dispatches", dispatches);
        if (violations != null) {
            var locale = LocaleContextHolder.getLocale();
            model.addAttribute("errors", violations.stream().map(v -> v.field() + "："
                    + messages.getMessage(v.code(), v.args().toArray(), v.code(), locale)).toList());
        }
        return "notifications/admin";
    }
}

package io.qiyue.notification.web;

import io.qiyue.notification.Notifications;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.web.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The bell's count in every page's header: one indexed COUNT per page, for the signed-in user only. */
@ControllerAdvice(annotations = PageController.class)
class UnreadNotificationsModel implements io.qiyue.shared.web.LayoutModel {
    private final Notifications notifications;

    UnreadNotificationsModel(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Long unread() {
        return CurrentUsers.current().isPresent() ? notifications.unreadCount() : null;
    }

    @Override
    public void addTo(org.springframework.web.servlet.ModelAndView view) {
        view.addObject("unreadNotifications", unread());
    }
}

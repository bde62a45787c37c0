package io.qiyue.security.web;

import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.web.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every UI page the signed-in user as {@code me}, for the navbar and role-dependent links. */
@ControllerAdvice(annotations = PageController.class)
class CurrentUserModel {

    @ModelAttribute("me")
    CurrentUser me() {
        return CurrentUsers.current().orElse(null);
    }
}

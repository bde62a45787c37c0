package io.qiyue.security.web;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security's form login processes its POST to /login. */
@PageController
class LoginPage {

    @GetMapping("/login")
    String login() {
        return CurrentUsers.current().isPresent() ? "redirect:/" : "login";
    }
}

package io.qiyue.security.web;

import io.qiyue.security.CurrentUsers;
import io.qiyue.security.LoginThrottledException;
import io.qiyue.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.WebAttributes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.Arrays;

/** The sign-in form; Spring Security's form login processes its POST to /login. */
@PageController
class LoginPage {

    /**
     * {@code ?error} after a failed sign-in, {@code ?logout} after signing out. Only the names of the query's
     * parameters count, read from the raw query: whatever follows them (also bytes that are not UTF-8) is
     * never decoded, so no value can break the page.
     */
    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (CurrentUsers.current().isPresent()) {
            return "redirect:/";
        }
        String query = request.getQueryString();
        var names = query == null ? java.util.List.<String>of()
                : Arrays.stream(query.split("&")).map(p -> p.contains("=") ? p.substring(0, p.indexOf('=')) : p).toList();
        model.addAttribute("loginError", names.contains("error"));
        model.addAttribute("loggedOut", names.contains("logout"));
        return "login";
    }

    /** A sign-in refused for too many failures (forwarded here by the form login): the form, 429 and the wait. */
    @RequestMapping("/login/throttled")
    String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginThrottledException e)) {
            return "redirect:/login";
        }
        long seconds = e.retryAfter().toSeconds();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        model.addAttribute("retryMinutes", (seconds + 59) / 60);
        model.addAttribute("loginError", false);
        model.addAttribute("loggedOut", false);
        return "login";
    }
}

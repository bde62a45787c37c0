package io.qiyue.security.web;

import io.qiyue.security.AccountSessions;
import io.qiyue.security.ApiTokens;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.TooManyRequestsException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own API tokens, password and sessions. */
@PageController
class AccountPages {
    private final ApiTokens tokens;
    private final UserAdministration administration;
    private final AccountSessions sessions;

    AccountPages(ApiTokens tokens, UserAdministration administration, AccountSessions sessions) {
        this.tokens = tokens;
        this.administration = administration;
        this.sessions = sessions;
    }

    /** A new password and the current one, which proves that the owner is asking. */
    static class PasswordForm {
        public String currentPassword;
        public String newPassword;
    }

    /** A new token: a name and an optional lifetime in days. */
    static class TokenForm {
        public String name;
        public Integer expiresInDays;
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/account/tokens")
    String tokens(Model model) {
        Forms.show(model, new TokenForm());
        return list(model);
    }

    @PostMapping("/account/tokens")
    String create(@ModelAttribute(Forms.FORM) TokenForm form, BindingResult result, Model model) {
        if (!result.hasErrors()) {
            try {
                var created = tokens.create(CurrentUsers.require(), form.name, form.expiresInDays);
                // rendered, not redirected: the secret must not travel in a URL or sit in the session
                model.addAttribute("created", created);
                Forms.show(model, new TokenForm());
            } catch (InvalidInputException e) {
                Forms.reject(result, e.violations());
            }
        }
        return list(model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        tokens.revoke(CurrentUsers.require(), id);
        redirect.addFlashAttribute("notice", "ui.token.revoked");
        return "redirect:/account/tokens";
    }

    @GetMapping("/account/password")
    String password(Model model) {
        Forms.show(model, new PasswordForm());
        return "account/password";
    }

    /** Changes the password; this session goes on (with a new id), the user's other sessions end. */
    @PostMapping("/account/password")
    String changePassword(@ModelAttribute(Forms.FORM) PasswordForm form, BindingResult result,
                          HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return "account/password";
        }
        try {
            administration.changeOwnPassword(request.getRemoteAddr(), form.currentPassword, form.newPassword);
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return "account/password";
        } catch (TooManyRequestsException e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            Forms.reject(result, e.code(), e.args().toArray());
            return "account/password";
        }
        sessions.keepCurrent(request, response);
        redirect.addFlashAttribute("notice", "ui.password.changed");
        return "redirect:/account/password";
    }

    @GetMapping("/account/sessions")
    String sessions(HttpServletRequest request, Model model) {
        model.addAttribute("sessions", sessions.mine(request));
        return "account/sessions";
    }

    /** Ends another session of the user's; their own current one is left by signing out. */
    @PostMapping("/account/sessions/{id}/end")
    String endSession(@PathVariable String id, RedirectAttributes redirect) {
        sessions.end(id);
        redirect.addFlashAttribute("notice", "ui.session.ended");
        return "redirect:/account/sessions";
    }

    @PostMapping("/account/sessions/end-others")
    String endOtherSessions(HttpServletRequest request, RedirectAttributes redirect) {
        sessions.endOthers(request);
        redirect.addFlashAttribute("notice", "ui.session.othersEnded");
        return "redirect:/account/sessions";
    }

    private String list(Model model) {
        model.addAttribute("tokens", tokens.list(CurrentUsers.require()));
        return "account/tokens";
    }
}

package io.qiyue.security.web;

import io.qiyue.security.ApiTokens;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own API tokens. */
@PageController
class AccountPages {
    private final ApiTokens tokens;

    AccountPages(ApiTokens tokens) {
        this.tokens = tokens;
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

    private String list(Model model) {
        model.addAttribute("tokens", tokens.list(CurrentUsers.require()));
        return "account/tokens";
    }
}

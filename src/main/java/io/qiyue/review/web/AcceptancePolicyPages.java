package io.qiyue.review.web;

import io.qiyue.review.AcceptanceAuthority;
import io.qiyue.review.AcceptancePolicies;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Changing who may accept a rule's warnings, from /admin/reviews (admins only; the service checks again). */
@PageController
class AcceptancePolicyPages {
    private final AcceptancePolicies policies;
    private final MessageSource messages;

    AcceptancePolicyPages(AcceptancePolicies policies, MessageSource messages) {
        this.policies = policies;
        this.messages = messages;
    }

    @PostMapping("/admin/reviews/acceptance/{ruleId}")
    String save(@PathVariable String ruleId, @RequestParam(required = false) String acceptedBy,
                @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        var locale = LocaleContextHolder.getLocale();
        AcceptanceAuthority authority;
        try {
            authority = acceptedBy == null ? null : AcceptanceAuthority.valueOf(acceptedBy);
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        try {
            var saved = policies.change(ruleId, version == null ? -1 : version, authority);
            redirect.addFlashAttribute("acceptanceSaved", messages.getMessage("acceptancePolicies.saved",
                    new Object[]{ruleId, messages.getMessage("acceptedBy." + saved.acceptedBy(), null, locale)}, locale));
        } catch (NotFoundException e) {
            throw e;
        } catch (QiyueException e) {
            if (e instanceof io.qiyue.shared.ForbiddenException) {
                throw e;
            }
            redirect.addFlashAttribute("acceptanceError", messages.getMessage(e.code(), e.args().toArray(), e.code(),
                    locale));
        }
        return "redirect:/admin/reviews#acceptance-policies";
    }
}

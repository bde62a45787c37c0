package io.qiyue.contract.web;

import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle forms of the contract page that need no review gate: cancel signing, terminate, renew.
 * A refused form shows the page again with what was typed and the errors beside the fields.
 */
@PageController
class LifecyclePages {
    private final Contracts contracts;
    private final ContractPages pages;
    private final MessageSource messages;

    LifecyclePages(Contracts contracts, ContractPages pages, MessageSource messages) {
        this.contracts = contracts;
        this.pages = pages;
        this.messages = messages;
    }

    /** What the terminate and renew forms held, to show them again. */
    record LifecycleForm(String reason, String date, String startDate, String endDate, String title) {
    }

    @PostMapping("/contracts/{id}/signing/cancel")
    String cancelSigning(@PathVariable String id, @RequestParam int version, Model model) {
        try {
            contracts.transition(id, ContractAction.CANCEL_SIGNING, version, null);
        } catch (InvalidInputException | io.qiyue.shared.ConflictException
                 | io.qiyue.shared.PreconditionFailedException e) {
            return refused(id, model, "cancel", new LifecycleForm(null, null, null, null, null), e);
        }
        return "redirect:/contracts/" + id;
    }

    @PostMapping("/contracts/{id}/terminate")
    String terminate(@PathVariable String id, @RequestParam int version,
                     @RequestParam(required = false) String reason, @RequestParam(required = false) String date,
                     Model model) {
        var form = new LifecycleForm(reason, date, null, null, null);
        try {
            contracts.terminate(id, version, reason, Forms.date("date", date));
        } catch (InvalidInputException | io.qiyue.shared.ConflictException
                 | io.qiyue.shared.PreconditionFailedException e) {
            return refused(id, model, "terminate", form, e);
        }
        return "redirect:/contracts/" + id + "#lifecycle";
    }

    @PostMapping("/contracts/{id}/non-renewal")
    String nonRenewal(@PathVariable String id, @RequestParam(required = false) String reason, Model model) {
        var form = new LifecycleForm(reason, null, null, null, null);
        try {
            contracts.giveNonRenewalNotice(id, reason);
        } catch (InvalidInputException | io.qiyue.shared.ConflictException e) {
            return refused(id, model, "non-renewal", form, e);
        }
        return "redirect:/contracts/" + id + "#lifecycle";
    }

    @PostMapping("/contracts/{id}/renew")
    String renew(@PathVariable String id, @RequestParam int version,
                 @RequestParam(required = false) String startDate, @RequestParam(required = false) String endDate,
                 @RequestParam(required = false) String title, Model model) {
        var form = new LifecycleForm(null, null, startDate, endDate, title);
        try {
            var successor = contracts.renew(id, version, Forms.date("startDate", startDate),
                    Forms.date("endDate", endDate), title);
            return "redirect:/contracts/" + successor.id();
        } catch (InvalidInputException | io.qiyue.shared.ConflictException
                 | io.qiyue.shared.PreconditionFailedException e) {
            return refused(id, model, "renew", form, e);
        }
    }

    private String refused(String id, Model model, String which, LifecycleForm form, QiyueException e) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b));
        } else {
            errors.put("", messages.getMessage(e.code(), e.args().toArray(), e.code(), locale));
        }
        model.addAttribute("lifecycleForm", form);
        model.addAttribute("lifecycleOpen", which);
        model.addAttribute("lifecycleErrors", errors);
        return pages.detailPage(id, model);
    }
}

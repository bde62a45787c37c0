package io.qiyue.review.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.SubmissionBlockedException;
import io.qiyue.contract.SubmissionGate;
import io.qiyue.review.Finding;
import io.qiyue.review.Reviews;
import io.qiyue.review.StoredReview;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * The review panel of the contract page (an htmx fragment, {@code review/panel :: panel}): run the review,
 * findings by severity, accept a warning with a reason, apply a suggestion; and the lifecycle buttons of the
 * page (submit for approval, withdraw), which show the blocking findings in the panel when refused. Every
 * action also works without htmx (a redirect back to the page).
 */
@PageController
class ReviewPages {
    private final Reviews reviews;
    private final Contracts contracts;
    private final MessageSource messages;

    ReviewPages(Reviews reviews, Contracts contracts, MessageSource messages) {
        this.reviews = reviews;
        this.contracts = contracts;
        this.messages = messages;
    }

    /**
     * The panel; {@code beside=form}: beside the edit form, where it only reads (a fix or an acceptance would save
     * a version under the form's unsaved input) and 定位 moves to the field.
     */
    @GetMapping("/contracts/{id}/review")
    String panel(@PathVariable String id, @RequestParam(required = false) String beside,
                 @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        var contract = contracts.get(id);
        model.addAttribute("besideForm", "form".equals(beside));
        String panel = show(model, contract, last(id), null, null);
        // the contract page loads the panel into itself; its link, opened on its own (no script, a new tab), gets
        // the panel in a page with the navigation
        return htmx == null && panel.equals("review/panel :: panel") ? "review/page" : panel;
    }

    @PostMapping("/contracts/{id}/review")
    String run(@PathVariable String id, @RequestHeader(value = "HX-Request", required = false) String htmx,
               Model model) {
        var review = reviews.review(id, LocaleContextHolder.getLocale());
        return htmx == null ? back(id) : show(model, contracts.get(id), review, null, null);
    }

    @PostMapping("/contracts/{id}/review/accept")
    String accept(@PathVariable String id, @RequestParam String ruleId, @RequestParam String path,
                  @RequestParam(required = false) Integer start, @RequestParam(required = false) String reason,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        String error = null;
        StoredReview review;
        try {
            review = reviews.accept(id, ruleId, path, start, reason, LocaleContextHolder.getLocale());
        } catch (io.qiyue.shared.InvalidInputException e) {
            error = e.violations().stream().map(v -> message(v.code(), v.args().toArray())).reduce((a, b) -> a + " " + b)
                    .orElse("");
            review = last(id);
        } catch (QiyueException e) {
            // a refusal or a contract out of scope is the page's answer (403, 404), not a message in the panel
            if (e instanceof ForbiddenException || (e instanceof NotFoundException && !e.args().contains("finding"))) {
                throw e;
            }
            error = message(e.code(), e.args().toArray());
            review = last(id);
        }
        if (htmx == null && error == null) {
            return back(id);
        }
        return show(model, contracts.get(id), review, error, null);
    }

    /**
     * The change a fix would make, as a redline with the button that applies it: a fragment under the finding
     * for htmx, or a page of its own.
     */
    @GetMapping("/contracts/{id}/review/fix")
    String fix(@PathVariable String id, @RequestParam String ruleId, @RequestParam String path,
               @RequestParam(required = false) Integer start,
               @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        var contract = contracts.get(id);
        model.addAttribute("contract", contract);
        try {
            model.addAttribute("preview", reviews.previewFix(id, ruleId, path, start));
        } catch (io.qiyue.shared.ConflictException e) {
            model.addAttribute("error", message(e.code(), e.args().toArray()));
        } catch (NotFoundException e) {
            if (!e.args().contains("finding")) {
                throw e;
            }
            model.addAttribute("error", message(e.code(), e.args().toArray()));
        }
        model.addAttribute("start", start);
        return htmx == null ? "review/fix" : "review/fix :: preview";
    }

    @PostMapping("/contracts/{id}/review/apply")
    String apply(@PathVariable String id, @RequestParam String ruleId, @RequestParam String path,
                 @RequestParam(required = false) Integer start, @RequestParam int version,
                 @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        try {
            reviews.applyFix(id, version, ruleId, path, start);
        } catch (io.qiyue.shared.ConflictException | io.qiyue.shared.PreconditionFailedException e) {
            return show(model, contracts.get(id), last(id), message(e.code(), e.args().toArray()), null);
        } catch (NotFoundException e) {
            if (!e.args().contains("finding")) {
                throw e;
            }
            return show(model, contracts.get(id), last(id), message(e.code(), e.args().toArray()), null);
        }
        // htmx takes the panel, the contract's head, parts and versions from the page (hx-select-oob): the new
        // version, the changed clause and the new review show without reloading the page
        return htmx == null ? back(id) : "redirect:/contracts/" + id;
    }

    @PostMapping("/contracts/{id}/submit")
    String submit(@PathVariable String id, @RequestParam int version,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        return move(id, version, ContractAction.SUBMIT, htmx, response, model, redirect);
    }

    /** APPROVED → SIGNING, through the same review gate as the submission (the panel shows what blocks it). */
    @PostMapping("/contracts/{id}/signing")
    String startSigning(@PathVariable String id, @RequestParam int version,
                        @RequestHeader(value = "HX-Request", required = false) String htmx,
                        HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return move(id, version, ContractAction.START_SIGNING, htmx, response, model, redirect);
    }

    @PostMapping("/contracts/{id}/withdraw")
    String withdraw(@PathVariable String id, @RequestParam int version,
                    @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
                    Model model, RedirectAttributes redirect) {
        return move(id, version, ContractAction.WITHDRAW, htmx, response, model, redirect);
    }

    /**
     * A lifecycle button of the contract page. With htmx a refusal shows in the review panel (the blocking
     * findings, or why the move is not possible); a plain form goes back to the page, which says why.
     */
    private String move(String id, int version, ContractAction action, String htmx, HttpServletResponse response,
                        Model model, RedirectAttributes redirect) {
        try {
            contracts.transition(id, action, version, null);
        } catch (SubmissionBlockedException blocked) {
            model.addAttribute("gatedSigning", action == ContractAction.START_SIGNING ? true : null);
            return htmx == null ? back(id) : show(model, contracts.get(id), last(id), null, blocked.findings());
        } catch (io.qiyue.shared.ConflictException | io.qiyue.shared.PreconditionFailedException e) {
            String why = message(e.code(), e.args().toArray());
            if (htmx == null) {
                redirect.addFlashAttribute("lifecycleErrors", Map.of("", why));
                return "redirect:/contracts/" + id;
            }
            return show(model, contracts.get(id), last(id), why, null);
        }
        // the page again, saying what was done (?moved=SUBMIT): htmx is sent there (HX-Redirect), a plain form too
        String done = "/contracts/" + id + "?moved=" + action.name();
        if (htmx == null) {
            return "redirect:" + done;
        }
        response.setHeader("HX-Redirect", done);
        return "review/panel :: empty";
    }

    private StoredReview last(String id) {
        try {
            return reviews.last(id, LocaleContextHolder.getLocale());
        } catch (NotFoundException never) {
            return null;
        }
    }

    private String show(Model model, Contract contract, StoredReview review, String error,
                        List<SubmissionGate.Blocking> gated) {
        var groups = BySeverity.group(review == null ? List.<Finding>of() : review.findings(), Finding::severity);
        model.addAttribute("contract", contract);
        model.addAttribute("review", review);
        model.addAttribute("groups", groups);
        model.addAttribute("error", error);
        model.addAttribute("gated", gated);
        model.addAttribute("current", review != null && review.contractVersion() == contract.version());
        model.addAttribute("mayChange", contracts.mayChange(contract));
        // a review of the current version made before a ruleset or settings change: findings may differ now
        model.addAttribute("rulesCurrent", review == null || reviews.currentRules().matches(review));
        return "review/panel :: panel";
    }

    private static String back(String id) {
        return "redirect:/contracts/" + id + "#review";
    }

    private String message(String code, Object[] args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }
}

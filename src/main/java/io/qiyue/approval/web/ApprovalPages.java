package io.qiyue.approval.web;

import io.qiyue.approval.ApprovalHistory;
import io.qiyue.approval.Approvals;
import io.qiyue.approval.Decision;
import io.qiyue.approval.StepKind;
import io.qiyue.contract.Contracts;
import io.qiyue.review.Finding;
import io.qiyue.review.Reviews;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Paging;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.Text;
import io.qiyue.shared.web.FieldLabels;
import io.qiyue.shared.web.PageController;
import io.qiyue.template.PartiesAsPrinted;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/** The approver's pages: the inbox, a task with the document and the decision forms, and a contract's history panel. */
@PageController
class ApprovalPages {
    private final Approvals approvals;
    private final Contracts contracts;
    private final Reviews reviews;
    private final UserAdministration users;
    private final MessageSource messages;
    private final FieldLabels labels;
    private final PartiesAsPrinted partiesAsPrinted;

    ApprovalPages(Approvals approvals, Contracts contracts, Reviews reviews, UserAdministration users,
                  MessageSource messages, FieldLabels labels, PartiesAsPrinted partiesAsPrinted) {
        this.partiesAsPrinted = partiesAsPrinted;
        this.approvals = approvals;
        this.contracts = contracts;
        this.reviews = reviews;
        this.users = users;
        this.messages = messages;
        this.labels = labels;
    }

    @GetMapping("/approvals")
    String inbox(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("tasks", approvals.inbox("me", page, 50, "createdAt,asc"));
        return "approval/inbox";
    }

    @GetMapping("/approvals/{taskId}")
    String task(@PathVariable String taskId, Model model) {
        var task = approvals.task(taskId);
        String contractId = approvals.contractOf(taskId);
        model.addAttribute("task", task);
        model.addAttribute("contract", contracts.get(contractId));
        model.addAttribute("returnable", approvals.returnableSteps(taskId));
        // a party's record changed since the submission: the approver reads why approving is refused, before trying
        model.addAttribute("partiesChanged", task.status().equals("OPEN") ? partiesAsPrinted.lines(
                approvals.partiesChanged(taskId), LocaleContextHolder.getLocale()) : List.of());
        model.addAttribute("people", users.list(null, null, 0, Paging.MAX_SIZE, "username,asc").items().stream()
                .filter(approvals.handOverTarget(taskId)).toList());
        var history = approvals.history(contractId);
        model.addAttribute("history", history);
        boolean legal = history.runs().stream().flatMap(r -> r.steps().stream())
                .anyMatch(s -> s.kind() == StepKind.LEGAL_REVIEW && s.entries().stream()
                        .anyMatch(e -> e.taskId().equals(taskId)));
        model.addAttribute("legal", legal);
        model.addAttribute("stepName", history.runs().stream().flatMap(r -> r.steps().stream())
                .filter(s -> s.entries().stream().anyMatch(e -> e.taskId().equals(taskId)))
                .map(ApprovalHistory.Step::name).findFirst().orElse(""));
        if (legal) {
            List<Finding> findings = List.of();
            try {
                findings = reviews.last(contractId, LocaleContextHolder.getLocale()).findings();
            } catch (NotFoundException notReviewed) {
                // a contract submitted without a stored review: the panel says so
            }
            model.addAttribute("findings", findings);
            model.addAttribute("accepted", findings.stream().filter(f -> f.accepted() != null).toList());
        }
        return "approval/task";
    }

    @PostMapping("/approvals/{taskId}/decision")
    String decide(@PathVariable String taskId, @RequestParam(required = false) Decision.Kind decision,
                  @RequestParam(required = false) String comment, @RequestParam(required = false) String toStep,
                  @RequestParam(required = false) String toUserId,
                  @RequestParam(required = false) Decision.Position position, Model model,
                  RedirectAttributes redirect) {
        try {
            approvals.decide(taskId, new Decision(decision, Text.blankToNull(comment), Text.blankToNull(toStep),
                    Text.blankToNull(toUserId), position));
        } catch (InvalidInputException | ConflictException | ForbiddenException refused) {
            model.addAttribute("errors", describe(refused));
            model.addAttribute("form", new Decision(decision, comment, toStep, toUserId, position));
            return task(taskId, model);
        }
        redirect.addFlashAttribute("decided", decision);
        return "redirect:/approvals";
    }

    /** The approval history panel of the contract page (loaded there with htmx). */
    @GetMapping("/contracts/{id}/approval-panel")
    String panel(@PathVariable String id, Model model) {
        ApprovalHistory history = approvals.history(id);
        model.addAttribute("history", history);
        // on the contract page: a contract in approval whose document no longer names the parties as their records
        // do is not approved until it goes back and is submitted again; its owner reads so there too
        var contract = contracts.get(id);
        if (contract.status() == io.qiyue.contract.ContractStatus.IN_APPROVAL) {
            model.addAttribute("panelPartiesChanged", partiesAsPrinted.lines(
                    partiesAsPrinted.changed(id, contract.version()), LocaleContextHolder.getLocale()));
        }
        return "approval/panel :: panel";
    }

    private List<String> describe(QiyueException refused) {
        var locale = LocaleContextHolder.getLocale();
        var lines = new ArrayList<String>();
        if (refused instanceof InvalidInputException invalid) {
            // named by the form's labels (意见, 退回至步骤), as every other form names its fields
            invalid.violations().forEach(v -> lines.add(labels.withMessage(v.field(), messages.getMessage(v.code(),
                    v.args().toArray(), v.code(), locale), locale)));
        } else {
            lines.add(messages.getMessage(refused.code(), refused.args().toArray(), refused.code(), locale));
        }
        return lines;
    }
}

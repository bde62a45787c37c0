package io.qiyue.approval.web;

import io.qiyue.approval.ApprovalFlows;
import io.qiyue.approval.StepCondition;
import io.qiyue.approval.StepKind;
import io.qiyue.approval.StepMode;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.FieldLabels;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/** The admin's flow editor (/admin is admins only): list, and a form that adds, removes and reorders steps. */
@PageController
class ApprovalFlowPages {
    private final ApprovalFlows flows;
    private final UserAdministration users;
    private final FieldLabels labels;
    private final MessageSource messages;

    ApprovalFlowPages(ApprovalFlows flows, UserAdministration users, MessageSource messages, FieldLabels labels) {
        this.flows = flows;
        this.users = users;
        this.messages = messages;
        this.labels = labels;
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/admin/approval-flows")
    String list(Model model) {
        model.addAttribute("flows", flows.list());
        return "approval/flows";
    }

    @GetMapping("/admin/approval-flows/new")
    String create(Model model) {
        var form = new FlowForm();
        form.apply("add");
        return show(model, null, form, List.of());
    }

    @GetMapping("/admin/approval-flows/{id}")
    String edit(@PathVariable String id, Model model) {
        return show(model, id, FlowForm.of(flows.get(id), this::usernameOf), List.of());
    }

    @PostMapping("/admin/approval-flows")
    String save(@ModelAttribute(Forms.FORM) FlowForm form, @RequestParam(defaultValue = "save") String op, Model model,
                RedirectAttributes redirect) {
        return submit(null, form, op, model, redirect);
    }

    @PostMapping("/admin/approval-flows/{id}")
    String update(@PathVariable String id, @ModelAttribute(Forms.FORM) FlowForm form,
                  @RequestParam(defaultValue = "save") String op, Model model, RedirectAttributes redirect) {
        flows.get(id);
        return submit(id, form, op, model, redirect);
    }

    private String submit(String id, FlowForm form, String op, Model model, RedirectAttributes redirect) {
        if (!op.equals("save")) {
            form.apply(op);
            return show(model, id, form, List.of());
        }
        try {
            var input = form.toInput(this::idOf);
            var saved = id == null ? flows.create(input)
                    : flows.update(id, form.version == null ? -1 : form.version, input);
            redirect.addFlashAttribute("saved", saved.name());
            return "redirect:/admin/approval-flows";
        } catch (InvalidInputException invalid) {
            var locale = LocaleContextHolder.getLocale();
            var lines = new ArrayList<String>();
            invalid.violations().forEach(v -> lines.add(labels.withMessage(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), locale)));
            return show(model, id, form, lines);
        } catch (PreconditionFailedException stale) {
            return show(model, id, form, List.of(messages.getMessage(stale.code(), stale.args().toArray(), stale.code(),
                    LocaleContextHolder.getLocale())));
        }
    }

    private String show(Model model, String id, FlowForm form, List<String> errors) {
        Forms.show(model, form);
        model.addAttribute("flowId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", StepKind.values());
        model.addAttribute("modes", StepMode.values());
        model.addAttribute("matches", StepCondition.Match.values());
        model.addAttribute("types", ContractType.values());
        model.addAttribute("levels", CustomerLevel.values());
        return "approval/flow-form";
    }

    private String usernameOf(String id) {
        try {
            return users.get(id).username();
        } catch (NotFoundException gone) {
            return id;
        }
    }

    private String idOf(String username) {
        return users.findByUsername(username).map(User::id).orElse(username);
    }
}

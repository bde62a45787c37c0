package io.qiyue.customer.web;

import io.qiyue.customer.OurEntities;
import io.qiyue.customer.OurEntity;
import io.qiyue.customer.OurEntityInput;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.Text;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import jakarta.validation.Validator;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Our signing entities: everyone reads the list, admins create and edit (the service enforces it). */
@PageController
class OurEntityPages {
    private final OurEntities ourEntities;
    private final Validator validator;

    OurEntityPages(OurEntities ourEntities, Validator validator) {
        this.ourEntities = ourEntities;
        this.validator = validator;
    }

    /** Field names equal those of {@link OurEntityInput}. */
    static class OurEntityForm {
        public String name;
        public String creditCode;
        public String address;
        public String legalRepresentative;
        public String bankName;
        public String bankAccount;
        public Integer version;

        static OurEntityForm of(OurEntity e) {
            var form = new OurEntityForm();
            form.name = e.name();
            form.creditCode = e.creditCode();
            form.address = e.address();
            form.legalRepresentative = e.legalRepresentative();
            form.bankName = e.bankName();
            form.bankAccount = e.bankAccount();
            form.version = e.version();
            return form;
        }

        OurEntityInput toInput() {
            return new OurEntityInput(Text.blankToNull(name), Text.blankToNull(creditCode), Text.blankToNull(address), Text.blankToNull(legalRepresentative),
                    Text.blankToNull(bankName), Text.blankToNull(bankAccount));
        }
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/our-entities")
    String list(Model model) {
        model.addAttribute("entities", ourEntities.list());
        return "our-entities/list";
    }

    @GetMapping("/our-entities/new")
    String create(Model model) {
        requireAdmin();
        Forms.show(model, new OurEntityForm());
        return form(model, null);
    }

    @GetMapping("/our-entities/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        requireAdmin();
        Forms.show(model, OurEntityForm.of(ourEntities.get(id)));
        return form(model, id);
    }

    @PostMapping("/our-entities")
    String save(@ModelAttribute(Forms.FORM) OurEntityForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        return save(null, form, result, model, redirect);
    }

    @PostMapping("/our-entities/{id}")
    String update(@PathVariable String id, @ModelAttribute(Forms.FORM) OurEntityForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        return save(id, form, result, model, redirect);
    }

    private String save(String id, OurEntityForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        // every problem at once: what could not be bound, the fields' constraints and the credit code's check
        var input = form.toInput();
        var unreadable = result.getFieldErrors().stream().map(e -> e.getField()).toList();
        var violations = new java.util.ArrayList<>(Forms.validate(validator, input));
        ourEntities.problems(input).stream().filter(v -> violations.stream().noneMatch(w -> w.field().equals(v.field())))
                .forEach(violations::add);
        violations.removeIf(v -> unreadable.contains(v.field()));
        if (result.hasErrors() || !violations.isEmpty()) {
            Forms.reject(result, violations);
            return form(model, id);
        }
        try {
            if (id == null) {
                ourEntities.create(input);
            } else {
                ourEntities.update(id, form.version == null ? -1 : form.version, input);
            }
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return form(model, id);
        } catch (ConflictException e) {
            Forms.reject(result, e.code(), e.args().toArray());
            return form(model, id);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = ourEntities.get(id).version();
            return form(model, id);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/our-entities";
    }

    private String form(Model model, String id) {
        model.addAttribute("entityId", id);
        model.addAttribute("requiredFields", java.util.List.of("name", "creditCode", "address"));
        return "our-entities/form";
    }

    /** The service refuses the save anyway; refusing the form spares a non-admin filling it in for nothing. */
    private static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}

package io.qiyue.template.web;

import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import io.qiyue.template.Clause;
import io.qiyue.template.ClauseInput;
import io.qiyue.template.Clauses;
import io.qiyue.template.ContractDocuments;
import io.qiyue.template.Template;
import io.qiyue.template.TemplateInput;
import io.qiyue.template.Templates;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Administration of templates (with a live preview against a chosen contract) and of the clause
 * library. Under {@code /admin}, so only administrators reach it; the services check again.
 */
@PageController
@RequestMapping("/admin")
class TemplatePages {
    private final Templates templates;
    private final Clauses clauses;
    private final ContractDocuments documents;
    private final Contracts contracts;
    private final Validator validator;
    private final MessageSource messages;

    TemplatePages(Templates templates, Clauses clauses, ContractDocuments documents, Contracts contracts,
                  Validator validator, MessageSource messages) {
        this.templates = templates;
        this.clauses = clauses;
        this.documents = documents;
        this.contracts = contracts;
        this.validator = validator;
        this.messages = messages;
    }

    /** The template form; field names are the paths of {@link TemplateInput}. */
    static class TemplateForm {
        public ContractType type;
        public String name;
        public String body;
        public boolean active = true;
        public Integer version;

        TemplateInput toInput() {
            return new TemplateInput(type, name == null ? null : name.trim(), body, active);
        }
    }

    /** The clause form; field names are the paths of {@link ClauseInput}. */
    static class ClauseForm {
        public String category = Clause.GENERAL;
        public String title;
        public String text;
        public boolean approved;
        public boolean conspicuous;
        public Integer version;

        ClauseInput toInput() {
            return new ClauseInput(category == null ? null : category.trim(), title == null ? null : title.trim(), text,
                    approved, conspicuous);
        }
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    // ---- templates

    @GetMapping("/templates")
    String templates(Model model) {
        model.addAttribute("templates", templates.list(null));
        return "documents/templates";
    }

    @GetMapping("/templates/new")
    String newTemplate(@RequestParam(required = false) ContractType type, Model model) {
        var form = new TemplateForm();
        form.type = type == null ? ContractType.SERVICE : type;
        form.body = templates.active(form.type).body();
        form.active = false;
        Forms.show(model, form);
        return templateForm(model, null);
    }

    @GetMapping("/templates/{id}/edit")
    String editTemplate(@PathVariable String id, Model model) {
        Template t = templates.get(id);
        var form = new TemplateForm();
        form.type = t.type();
        form.name = t.name();
        form.body = t.body();
        form.active = t.active();
        form.version = t.version();
        Forms.show(model, form);
        return templateForm(model, t);
    }

    @PostMapping("/templates")
    String createTemplate(@ModelAttribute(Forms.FORM) TemplateForm form, BindingResult result, Model model,
                          RedirectAttributes redirect) {
        return saveTemplate(null, form, result, model, redirect);
    }

    @PostMapping("/templates/{id}")
    String updateTemplate(@PathVariable String id, @ModelAttribute(Forms.FORM) TemplateForm form,
                          BindingResult result, Model model, RedirectAttributes redirect) {
        return saveTemplate(id, form, result, model, redirect);
    }

    private String saveTemplate(String id, TemplateForm form, BindingResult result, Model model,
                                RedirectAttributes redirect) {
        Template current = id == null ? null : templates.get(id);
        if (current != null) {
            form.type = current.type(); // fixed once created
        }
        if (result.hasErrors()) {
            return templateForm(model, current);
        }
        var input = form.toInput();
        List<FieldViolation> violations = Forms.validate(validator, input);
        if (!violations.isEmpty()) {
            Forms.reject(result, violations);
            return templateForm(model, current);
        }
        try {
            if (current == null) {
                templates.create(input);
            } else {
                templates.update(id, form.version == null ? -1 : form.version, input);
            }
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return templateForm(model, current);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = current.version();
            return templateForm(model, current);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/templates";
    }

    private String templateForm(Model model, Template current) {
        var form = (TemplateForm) model.getAttribute(Forms.FORM);
        model.addAttribute("template", current);
        model.addAttribute("types", ContractType.values());
        model.addAttribute("previewContracts", previewContracts(form.type));
        return "documents/template-form";
    }

    /** Recent contracts of the type, to preview a template against. */
    private List<ContractSummary> previewContracts(ContractType type) {
        var query = new ContractQuery(null, type, null, null, null, null, null);
        return contracts.list(query, 0, 50, "updatedAt,desc").items();
    }

    /**
     * The live preview (htmx): the body as typed, rendered against the chosen contract, shown in a
     * sandboxed frame; or the line and reason why the body would be refused at save.
     */
    @PostMapping("/templates/preview")
    String preview(@RequestParam(required = false) String body, @RequestParam(required = false) String contractId,
                   Model model) {
        var locale = LocaleContextHolder.getLocale();
        var errors = new ArrayList<String>();
        if (contractId == null || contractId.isBlank()) {
            errors.add(messages.getMessage("template.preview.noContract", null, locale));
        } else if (body == null || body.isBlank()) {
            errors.add(messages.getMessage("template.preview.empty", null, locale));
        } else {
            try {
                model.addAttribute("html", documents.preview(body, contractId));
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> errors.add(messages.getMessage(v.code(), v.args().toArray(), v.code(),
                        locale)));
            } catch (NotFoundException e) {
                errors.add(messages.getMessage("template.preview.noContract", null, locale));
            }
        }
        model.addAttribute("previewErrors", errors);
        return "documents/template-form :: preview";
    }

    // ---- clauses

    @GetMapping("/clauses")
    String clauses(@RequestParam(required = false) String category, Model model) {
        model.addAttribute("clauses", clauses.list(category));
        model.addAttribute("category", category);
        model.addAttribute("categories", categories());
        return "documents/clauses";
    }

    @GetMapping("/clauses/new")
    String newClause(Model model) {
        Forms.show(model, new ClauseForm());
        return clauseForm(model, null);
    }

    @GetMapping("/clauses/{id}/edit")
    String editClause(@PathVariable String id, Model model) {
        Clause c = clauses.get(id);
        var form = new ClauseForm();
        form.category = c.category();
        form.title = c.title();
        form.text = c.text();
        form.approved = c.approved();
        form.conspicuous = c.conspicuous();
        form.version = c.version();
        Forms.show(model, form);
        return clauseForm(model, c);
    }

    @PostMapping("/clauses")
    String createClause(@ModelAttribute(Forms.FORM) ClauseForm form, BindingResult result, Model model,
                        RedirectAttributes redirect) {
        return saveClause(null, form, result, model, redirect);
    }

    @PostMapping("/clauses/{id}")
    String updateClause(@PathVariable String id, @ModelAttribute(Forms.FORM) ClauseForm form, BindingResult result,
                        Model model, RedirectAttributes redirect) {
        return saveClause(id, form, result, model, redirect);
    }

    private String saveClause(String id, ClauseForm form, BindingResult result, Model model,
                              RedirectAttributes redirect) {
        Clause current = id == null ? null : clauses.get(id);
        if (result.hasErrors()) {
            return clauseForm(model, current);
        }
        var input = form.toInput();
        List<FieldViolation> violations = Forms.validate(validator, input);
        if (!violations.isEmpty()) {
            Forms.reject(result, violations);
            return clauseForm(model, current);
        }
        try {
            if (current == null) {
                clauses.create(input);
            } else {
                clauses.update(id, form.version == null ? -1 : form.version, input);
            }
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return clauseForm(model, current);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = current.version();
            return clauseForm(model, current);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/admin/clauses";
    }

    private String clauseForm(Model model, Clause current) {
        model.addAttribute("clause", current);
        model.addAttribute("categories", categories());
        return "documents/clause-form";
    }

    /** GENERAL, the five types (the categories that print), and every category in use. */
    private List<String> categories() {
        var out = new ArrayList<String>();
        out.add(Clause.GENERAL);
        Arrays.stream(ContractType.values()).map(Enum::name).forEach(out::add);
        var used = new TreeSet<String>();
        clauses.list(null).forEach(c -> used.add(c.category()));
        used.removeAll(out);
        out.addAll(used);
        return out;
    }
}

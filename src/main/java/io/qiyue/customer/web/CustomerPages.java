package io.qiyue.customer.web;

import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerQuery;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.Customers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * Customer pages. The customer's contracts are loaded from the contract pages (customer must not
 * depend on contract, which depends on customer), by htmx, with a plain link as the fallback.
 */
@PageController
class CustomerPages {
    private final Customers customers;

    private final CustomerExport export;

    CustomerPages(Customers customers, CustomerExport export) {
        this.customers = customers;
        this.export = export;
    }

    /** The list page's export links: the list's filters and sort, {@code format=xlsx|csv}. */
    @GetMapping("/customers/export")
    void export(CustomerApi.ListFilter filter, @RequestParam(required = false) String format,
                jakarta.servlet.http.HttpServletResponse response) {
        var chosen = io.qiyue.shared.web.ListExport.Format.ofParameter(format);
        export.write(filter.query(), filter.sort(), chosen, response);
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/customers")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) CustomerKind kind,
                @RequestParam(required = false) CustomerLevel level, @RequestParam(required = false) CustomerStatus status,
                @RequestParam(required = false) String owner, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) String sort,
                @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletRequest request,
                Model model) {
        model.addAttribute("customers", customers.list(new CustomerQuery(q, kind, level, owner, status), page, 20, sort));
        model.addAttribute("links", PageLinks.of("/customers", request));
        model.addAttribute("exportLinks", PageLinks.of("/customers/export", request));
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("level", level);
        model.addAttribute("status", status);
        model.addAttribute("owner", owner);
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("levels", CustomerLevel.values());
        model.addAttribute("statuses", CustomerStatus.values());
        // htmx swaps only the table, but a history restore (HX-History-Restore-Request) needs the whole page
        boolean partial = htmx != null && request.getHeader("HX-History-Restore-Request") == null;
        return partial ? "customers/list :: results" : "customers/list";
    }

    @GetMapping("/customers/{id}")
    String detail(@PathVariable String id, Model model) {
        Customer customer = customers.get(id);
        model.addAttribute("customer", customer);
        model.addAttribute("mayChange", customers.mayChange(customer));
        return "customers/detail";
    }

    @GetMapping("/customers/new")
    String create(Model model) {
        if (!customers.mayCreate()) { // the save would be refused: no form to fill in for nothing
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        Forms.show(model, new CustomerForm());
        return form(model, null);
    }

    @GetMapping("/customers/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Customer current = customers.get(id);
        var form = CustomerForm.of(customers.editable(id), current.version());
        Forms.show(model, form);
        return form(model, current);
    }

    @PostMapping("/customers")
    String save(@ModelAttribute(Forms.FORM) CustomerForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        return save(null, form, result, model, redirect);
    }

    @PostMapping("/customers/{id}")
    String update(@PathVariable String id, @ModelAttribute(Forms.FORM) CustomerForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        return save(id, form, result, model, redirect);
    }

    private String save(String id, CustomerForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        Customer current = id == null ? null : customers.get(id);
        form.dropEmptyContacts();
        // every problem at once: what could not be bound, and all the service would refuse, except again on a
        // field already wrong
        var input = form.toInput();
        var unreadable = result.getFieldErrors().stream().map(e -> e.getField()).toList();
        var violations = customers.problems(id, input).stream()
                .filter(v -> unreadable.stream().noneMatch(f -> v.field().equals(f) || v.field().startsWith(f + ".")))
                .toList();
        if (result.hasErrors() || !violations.isEmpty()) {
            Forms.reject(result, violations);
            return form(model, current);
        }
        Customer saved;
        try {
            saved = id == null ? customers.create(input)
                    : customers.update(id, form.version == null ? -1 : form.version, input);
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return form(model, current);
        } catch (ConflictException e) {
            Forms.reject(result, e.code(), e.args().toArray());
            return form(model, current);
        } catch (PreconditionFailedException e) {
            // keep what the user typed; the next save is a deliberate overwrite of the newer version
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = current.version();
            return form(model, current);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/customers/" + saved.id();
    }

    private String form(Model model, Customer current) {
        // one empty row to start from (and to copy with "add") only where there is none: a refused save shows
        // exactly the contacts that were sent
        var form = (CustomerForm) model.getAttribute(Forms.FORM);
        if (form.contacts.isEmpty()) {
            form.contacts.add(new CustomerForm.ContactForm());
        }
        model.addAttribute("requiredFields", List.of("kind", "name", "creditCode", "idNumber"));
        model.addAttribute("ownerOptions", customers.ownerChoices());
        model.addAttribute("customer", current);
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("levels", CustomerLevel.values());
        model.addAttribute("statuses", CustomerStatus.values());
        return "customers/form";
    }
}

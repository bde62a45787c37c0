package io.qiyue.contract.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.ReviewState;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ExternalVersions;
import io.qiyue.contract.Terms;
import io.qiyue.contract.VersionHistory;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.customer.OurEntities;
import io.qiyue.customer.OurEntity;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import io.qiyue.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Contract pages: list, detail with versions, and the typed form for drafts. */
@PageController
class ContractPages {
    private final Contracts contracts;
    private final Customers customers;
    private final OurEntities ourEntities;
    private final VersionHistory history;

    private final ContractExport export;
    private final java.time.Clock clock;

    ContractPages(Contracts contracts, Customers customers, OurEntities ourEntities,
                  VersionHistory history, ContractExport export, java.time.Clock clock) {
        this.export = export;
        this.clock = clock;
        this.contracts = contracts;
        this.history = history;
        this.customers = customers;
        this.ourEntities = ourEntities;
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping("/contracts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) ContractType type,
                @RequestParam(required = false) ContractStatus status,
                @RequestParam(required = false) String customerId, @RequestParam(required = false) String owner,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsBefore,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsAfter,
                @RequestParam(required = false) boolean notFullyPaid,
                @RequestParam(required = false) ReviewState.Filter review,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) String sort,
                @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletRequest request,
                Model model) {
        var query = new ContractQuery(q, type, status, customerId, owner, endsBefore, endsAfter, notFullyPaid, review);
        model.addAttribute("contracts", contracts.list(query, page, 20, sort));
        model.addAttribute("links", PageLinks.of("/contracts", request));
        model.addAttribute("exportLinks", PageLinks.of("/contracts/export", request));
        model.addAttribute("query", query);
        model.addAttribute("customer", customerId == null || customerId.isBlank() ? null
                : customers.findVisible(customerId).orElse(null));
        model.addAttribute("types", ContractType.values());
        model.addAttribute("statuses", ContractStatus.values());
        model.addAttribute("reviewFilters", ReviewState.Filter.values());
        boolean partial = htmx != null && request.getHeader("HX-History-Restore-Request") == null;
        return partial ? "contracts/list :: results" : "contracts/list";
    }

    /** The list page's export links: the list's filters and sort, {@code format=xlsx|csv}. */
    @GetMapping("/contracts/export")
    void export(ContractApi.ListFilter filter, @RequestParam(required = false) String format,
                jakarta.servlet.http.HttpServletResponse response) {
        var chosen = io.qiyue.shared.web.ListExport.Format.ofParameter(format);
        export.write(filter.query(), filter.sort(), chosen, response);
    }

    /** The contracts of one customer, as a fragment for the customer page. */
    @GetMapping("/contracts/of-customer/{customerId}")
    String ofCustomer(@PathVariable String customerId, Model model) {
        var query = new ContractQuery(null, null, null, customerId, null, null, null);
        model.addAttribute("contracts", contracts.list(query, 0, 50, "updatedAt,desc"));
        model.addAttribute("customerId", customerId);
        return "contracts/of-customer :: contracts";
    }

    @GetMapping("/contracts/{id}")
    String detail(@PathVariable String id, Model model) {
        return detailPage(id, model);
    }

    /** The detail page; also what a refused lifecycle form shows again, with its input and errors in the model. */
    String detailPage(String id, Model model) {
        Contract contract = contracts.get(id);
        var actions = contracts.actionsFor(contract);
        model.addAttribute("actions", actions.stream().map(Enum::name).toList());
        model.addAttribute("lineage", contracts.lineage(id));
        // the business day (Asia/Shanghai), not the server's: before 08:00 there a server on UTC offered yesterday as
        // the termination date, which ends the contract a day back
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("contract", contract);
        model.addAttribute("terms", contract.terms());
        model.addAttribute("ourEntity", ourEntities.find(contract.ourEntityId()).orElse(null));
        model.addAttribute("versions", history.list(id));
        model.addAttribute("firstExternal", ExternalVersions.FIRST);
        model.addAttribute("mayChange", contracts.mayChange(contract));
        return "contracts/detail";
    }

    @GetMapping("/contracts/new")
    String create(@RequestParam(required = false) ContractType type,
                  @RequestParam(required = false) String customerId, Model model) {
        if (!contracts.mayCreate()) { // the save would be refused: no form to fill in for nothing
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        if (type == null) {
            model.addAttribute("types", ContractType.values());
            model.addAttribute("customerId", customerId);
            return "contracts/choose-type";
        }
        var form = new ContractForm();
        form.type = type;
        form.customerId = customerId;
        var entities = ourEntities.list();
        if (entities.size() == 1) {
            form.ourEntityId = entities.getFirst().id();
        }
        Forms.show(model, form);
        return form(model, null, UUID.randomUUID().toString());
    }

    @GetMapping("/contracts/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Contract contract = contracts.get(id);
        if (!contract.status().editable()) {
            throw new ConflictException("qiyue.contract.not-editable", contract.status());
        }
        Forms.show(model, ContractForm.of(contracts.editable(id), contract.version()));
        return form(model, contract, null);
    }

    @PostMapping("/contracts")
    String save(@ModelAttribute(Forms.FORM) ContractForm form, BindingResult result,
                @RequestParam(required = false) String requestKey, Model model, RedirectAttributes redirect) {
        return save(null, form, result, requestKey, model, redirect);
    }

    @PostMapping("/contracts/{id}")
    String update(@PathVariable String id, @ModelAttribute(Forms.FORM) ContractForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        return save(id, form, result, null, model, redirect);
    }

    private String save(String id, ContractForm form, BindingResult result, String requestKey, Model model,
                        RedirectAttributes redirect) {
        Contract current = id == null ? null : contracts.get(id);
        if (current != null) {
            form.type = current.type(); // the type is fixed once created; never taken from the request
        }
        if (form.type == null) {
            form.type = ContractType.SERVICE;
        }
        form.dropEmptyRows();
        // every problem at once: what could not be bound (a date that is not one keeps its text in the result), the
        // numbers the form reads itself, and all the service would refuse; a field already wrong is not checked again
        var problems = new ArrayList<FieldViolation>();
        var input = form.toInput(problems);
        var unreadable = new ArrayList<>(problems.stream().map(FieldViolation::field).toList());
        result.getFieldErrors().forEach(e -> unreadable.add(e.getField()));
        contracts.problems(id, input).stream()
                .filter(v -> unreadable.stream().noneMatch(f -> v.field().equals(f) || v.field().startsWith(f + ".")))
                .forEach(problems::add);
        if (result.hasErrors() || !problems.isEmpty()) {
            Forms.reject(result, problems);
            return form(model, current, requestKey);
        }
        Contract saved;
        try {
            saved = id == null
                    ? contracts.create(input)
                    : contracts.update(id, form.version == null ? -1 : form.version, input);
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return form(model, current, requestKey);
        } catch (ConflictException e) {
            Forms.reject(result, e.code(), e.args().toArray());
            return form(model, current, requestKey);
        } catch (PreconditionFailedException e) {
            // keep what the user typed; the next save is a deliberate overwrite of the newer version
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = current.version();
            return form(model, current, requestKey);
        }
        redirect.addFlashAttribute("notice", "ui.saved");
        return "redirect:/contracts/" + saved.id();
    }

    private String form(Model model, Contract current, String requestKey) {
        var form = (ContractForm) model.getAttribute(Forms.FORM);
        // one empty row to start from (and to copy with "add"), only where there is none: a refused save shows
        // exactly the rows that were sent
        if (form.terms.payment.schedule.isEmpty()) {
            form.terms.payment.schedule.add(new ContractForm.InstalmentForm());
        }
        if (form.terms.service.items.isEmpty()) {
            form.terms.service.items.add(new ContractForm.ItemForm());
        }
        if (form.terms.maintenance.items.isEmpty()) {
            form.terms.maintenance.items.add(new ContractForm.ItemForm());
        }
        model.addAttribute("requiredFields", form.type.paid()
                ? List.of("title", "customerId", "ourEntityId", "amount") : List.of("title", "customerId", "ourEntityId"));
        model.addAttribute("chosenCustomer", Text.isBlank(form.customerId) ? null
                : customers.findVisible(form.customerId).orElse(null));
        model.addAttribute("ownerOptions", ownerOptions(form.owner, current));
        model.addAttribute("contract", current);
        model.addAttribute("type", form.type);
        model.addAttribute("ownParts", form.type.ownParts());
        model.addAttribute("shownParts", form.shownParts());
        model.addAttribute("requestKey", requestKey);
        List<OurEntity> entities = ourEntities.list();
        model.addAttribute("ourEntityOptions", entities);
        model.addAttribute("paymentMethods", Terms.PaymentMethod.values());
        model.addAttribute("damagesBases", Terms.DamagesBasis.values());
        model.addAttribute("disputeMethods", Terms.DisputeMethod.values());
        model.addAttribute("ipOwnerships", Terms.IpOwnership.values());
        model.addAttribute("informationCategories", Terms.InformationCategory.values());
        model.addAttribute("maintenanceMethods", Terms.MaintenanceMethod.values());
        model.addAttribute("consultingMethods", Terms.ConsultingMethod.values());
        model.addAttribute("sharedCategories", Terms.SharedCategory.values());
        model.addAttribute("sharingMethods", Terms.SharingMethod.values());
        model.addAttribute("processingRoles", Terms.ProcessingRole.values());
        model.addAttribute("legalBases", Terms.LegalBasis.values());
        model.addAttribute("crossBorderMechanisms", Terms.CrossBorderMechanism.values());
        model.addAttribute("paymentTriggers", Terms.PaymentTrigger.values());
        model.addAttribute("invoiceTypes", Terms.InvoiceType.values());
        model.addAttribute("ndaDirections", Terms.NdaDirection.values());
        model.addAttribute("sharingDirections", Terms.SharingDirection.values());
        return "contracts/form";
    }

    /**
     * The customer picker's results for what the user typed (a name, part of one, or a credit code): customers
     * one may draft a contract with, at most ten.
     */
    @GetMapping("/contracts/customer-options")
    String customerOptions(@RequestParam(required = false) String q, Model model) {
        if (!contracts.mayCreate()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
        model.addAttribute("options", contracts.customerChoices(q, 10));
        model.addAttribute("q", q == null ? "" : q.trim());
        return "contracts/customer-options :: options";
    }

    /** Who may own the contract, with the current owner first kept if it is no longer among them (left the team). */
    private List<OwnerOption> ownerOptions(String chosen, Contract current) {
        var options = new ArrayList<>(contracts.ownerChoices().stream()
                .map(u -> new OwnerOption(u.username(), u.displayName() + " (" + u.username() + ")")).toList());
        String kept = current != null ? current.owner() : null;
        for (String owner : java.util.Arrays.asList(kept, Text.blankToNull(chosen))) {
            if (owner != null && options.stream().noneMatch(o -> o.username().equals(owner))) {
                options.addFirst(new OwnerOption(owner, owner));
            }
        }
        return options;
    }

    /** One choice of the owner field. */
    record OwnerOption(String username, String label) {
    }
}

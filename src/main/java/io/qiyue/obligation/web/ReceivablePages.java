package io.qiyue.obligation.web;

import io.qiyue.contract.Contracts;
import io.qiyue.contract.Terms;
import io.qiyue.obligation.Receivables;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Money;
import io.qiyue.shared.PreconditionFailedException;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receivables panel of the contract page (loaded with htmx, its forms answered with the panel again) and the
 * ageing page. Forms read their fields as text and let the service name what is wrong beside the field.
 */
@PageController
class ReceivablePages {
    private final Receivables receivables;
    private final Contracts contracts;
    private final MessageSource messages;

    ReceivablePages(Receivables receivables, Contracts contracts, MessageSource messages) {
        this.receivables = receivables;
        this.contracts = contracts;
        this.messages = messages;
    }

    @GetMapping("/contracts/{id}/receivables-panel")
    String panel(@PathVariable String id, @RequestHeader(value = "HX-Request", required = false) String htmx,
                 Model model) {
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/receivables-panel/receipts")
    String record(@PathVariable String id, @RequestParam Map<String, String> form,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
                  Model model) {
        try {
            // by hand when any instalment was given an amount, oldest due first otherwise
            var allocations = new java.util.ArrayList<Receivables.AllocationInput>();
            form.forEach((name, value) -> {
                if (name.startsWith("alloc.") && value != null && !value.isBlank()) {
                    allocations.add(new Receivables.AllocationInput(name.substring("alloc.".length()),
                            money(value, "allocations")));
                }
            });
            var input = new Receivables.ReceiptInput(date(form.get("receivedOn"), "receivedOn"),
                    money(form.get("amount"), "amount"), method(form.get("method")), form.get("reference"),
                    form.get("note"), allocations.isEmpty() ? null : allocations);
            receivables.record(id, input);
            model.addAttribute("notice", "receivables.receipt.recorded");
        } catch (InvalidInputException | ConflictException | PreconditionFailedException | ForbiddenException e) {
            refused(e, "receipt", form, htmx == null ? response : null, model);
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/receivables-panel/invoices")
    String issue(@PathVariable String id, @RequestParam Map<String, String> form,
                 @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
                 Model model) {
        try {
            var input = new Receivables.InvoiceInput(form.get("number"), date(form.get("issuedOn"), "issuedOn"),
                    money(form.get("amount"), "amount"), decimal(form.get("taxRatePercent"), "taxRatePercent"),
                    form.get("obligationId"), form.get("note"));
            receivables.issue(id, input);
            model.addAttribute("notice", "receivables.invoice.issued");
        } catch (InvalidInputException | ConflictException | PreconditionFailedException | ForbiddenException e) {
            refused(e, "invoice", form, htmx == null ? response : null, model);
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/receivables-panel/receipts/{receiptId}/reverse")
    String reverse(@PathVariable String id, @PathVariable String receiptId, @RequestParam Map<String, String> form,
                   @RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
                   Model model) {
        try {
            var receipt = receivables.receipt(receiptId);
            if (!receipt.contractId().equals(id)) {
                throw new io.qiyue.shared.NotFoundException("qiyue.problem.not-found", "receipt", receiptId);
            }
            receivables.reverse(receiptId, receipt.version(), form.get("reason"));
            model.addAttribute("notice", "receivables.receipt.reversed");
        } catch (InvalidInputException | ConflictException | PreconditionFailedException | ForbiddenException e) {
            refused(e, "reverse-" + receiptId, form, htmx == null ? response : null, model);
        }
        return show(id, htmx, model);
    }

    @GetMapping("/receivables")
    String ageing(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
                  Model model) {
        var report = receivables.ageing(ReceivableApi.groupBy(groupBy), io.qiyue.shared.web.Forms.date("asOf", asOf));
        model.addAttribute("report", report);
        return "receivables/ageing";
    }

    private String show(String id, String htmx, Model model) {
        var contract = contracts.get(id);
        model.addAttribute("contract", contract);
        model.addAttribute("r", receivables.summary(id, null));
        model.addAttribute("mayWrite", receivables.mayWrite());
        model.addAttribute("methods", Terms.PaymentMethod.values());
        return htmx != null ? "receivables/panel :: panel" : "receivables/page";
    }

    private void refused(QiyueException e, String formName, Map<String, String> form, HttpServletResponse response,
                         Model model) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b));
        }
        errors.put("form", messages.getMessage(e instanceof InvalidInputException ? "receivables.form.invalid" : e.code(),
                e.args().toArray(), e.code(), locale));
        if (response != null) {
            response.setStatus(e instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
                    : e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT
                    : e instanceof ForbiddenException ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_PRECONDITION_FAILED);
        }
        model.addAttribute("errorForm", formName);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
    }

    private static LocalDate date(String value, String field) {
        return io.qiyue.shared.web.Forms.date(field, value);
    }

    private static Money money(String value, String field) {
        BigDecimal v = decimal(value, field);
        return v == null ? null : new Money(v, Money.CNY);
    }

    private static BigDecimal decimal(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var v = Money.parsePlain(value.strip().replace(",", ""));
            if (v.precision() - v.scale() > 15 || v.scale() > 10) {
                throw new InvalidInputException(field, "qiyue.receivable.amount-digits");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "qiyue.receivable.number");
        }
    }

    private static Terms.PaymentMethod method(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Terms.PaymentMethod.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("method", "qiyue.receivable.method");
        }
    }
}

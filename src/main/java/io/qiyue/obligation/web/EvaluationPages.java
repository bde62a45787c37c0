package io.qiyue.obligation.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.obligation.CaseCategory;
import io.qiyue.obligation.Evaluation;
import io.qiyue.obligation.EvaluationPurpose;
import io.qiyue.obligation.Evaluations;
import io.qiyue.obligation.ObligationSide;
import io.qiyue.obligation.ObligationStatus;
import io.qiyue.obligation.Obligations;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.Text;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The evaluations panel of the contract page (loaded there with htmx): the customer's answers and their averages,
 * the concern cases, the links made for the customer with a form for a new one, the periodic evaluation's
 * interval and the monthly service report. Every form answers with the panel again, errors beside the form.
 */
@io.qiyue.shared.web.PageController
class EvaluationPages {
    private final Evaluations evaluations;
    private final Obligations obligations;
    private final Contracts contracts;
    private final Customers customers;
    private final MessageSource messages;
    private final io.qiyue.shared.PublicBaseUrl publicBaseUrl;

    EvaluationPages(Evaluations evaluations, Obligations obligations, Contracts contracts, Customers customers,
                    MessageSource messages, io.qiyue.shared.PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.evaluations = evaluations;
        this.obligations = obligations;
        this.contracts = contracts;
        this.customers = customers;
        this.messages = messages;
    }

    @GetMapping("/contracts/{id}/evaluation-panel")
    String panel(@PathVariable String id, @RequestHeader(value = "HX-Request", required = false) String htmx,
                 Model model) {
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/evaluation-links")
    String createLink(@PathVariable String id, @RequestParam(required = false) String purpose,
                      @RequestParam(required = false) String obligationId,
                      @RequestParam(required = false) String contactId,
                      @RequestParam(required = false) String expiresInDays,
                      @RequestParam(required = false) String send,
                      @RequestHeader(value = "HX-Request", required = false) String htmx,
                      HttpServletResponse response, Model model) {
        try {
            var issued = evaluations.issue(id, new Evaluations.LinkInput(purpose(purpose), obligationId, contactId,
                    number("expiresInDays", expiresInDays), send != null));
            model.addAttribute("createdUrl", publicBaseUrl.of(issued.path()));
            model.addAttribute("createdSent", send != null);
        } catch (InvalidInputException | ConflictException e) {
            refused(e, "link", htmx == null ? response : null, model);
            model.addAttribute("linkForm", Map.of("purpose", nz(purpose), "obligationId", nz(obligationId),
                    "contactId", nz(contactId), "expiresInDays", nz(expiresInDays)));
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/evaluation-links/{linkId}/revoke")
    String revoke(@PathVariable String id, @PathVariable String linkId,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        var link = evaluations.links(id).stream().filter(l -> l.id().equals(linkId)).findFirst()
                .orElseThrow(() -> new io.qiyue.shared.NotFoundException("qiyue.problem.not-found", "evaluation-link",
                        linkId));
        evaluations.revoke(link.id());
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/evaluation-settings")
    String settings(@PathVariable String id, @RequestParam(required = false) String intervalDays,
                    @RequestParam(required = false) String version,
                    @RequestHeader(value = "HX-Request", required = false) String htmx,
                    HttpServletResponse response, Model model) {
        try {
            evaluations.changeSettings(id, version == null || version.isBlank() ? 0 : parseVersion(version),
                    number("intervalDays", intervalDays));
            model.addAttribute("settingsSaved", true);
        } catch (InvalidInputException | PreconditionFailedException e) {
            refused(e, "settings", htmx == null ? response : null, model);
            model.addAttribute("typedInterval", nz(intervalDays));
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/service-report/send")
    String sendReport(@PathVariable String id, @RequestParam(required = false) String month,
                      @RequestHeader(value = "HX-Request", required = false) String htmx,
                      HttpServletResponse response, Model model) {
        try {
            evaluations.sendServiceReport(id, month);
            model.addAttribute("reportSent", month);
        } catch (InvalidInputException | ConflictException e) {
            refused(e, "report", htmx == null ? response : null, model);
        }
        return show(id, htmx, model);
    }

    @GetMapping("/contracts/{id}/service-report")
    ResponseEntity<byte[]> report(@PathVariable String id, @RequestParam(required = false) String month) {
        byte[] pdf = evaluations.serviceReport(id, month, LocaleContextHolder.getLocale());
        return EvaluationApi.pdf(pdf, "service-report-" + id + "-" + month.strip() + ".pdf");
    }

    @PostMapping("/contracts/{id}/cases")
    String reportCase(@PathVariable String id, @RequestParam(required = false) String category,
                      @RequestParam(required = false) String description,
                      @RequestHeader(value = "HX-Request", required = false) String htmx,
                      HttpServletResponse response, Model model) {
        try {
            CaseCategory c;
            try {
                c = category == null || category.isBlank() ? null : CaseCategory.valueOf(category.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("category", "qiyue.evaluation.unknown-value");
            }
            evaluations.reportCase(id, new Evaluations.CaseInput(c, description, null));
            model.addAttribute("caseReported", true);
        } catch (InvalidInputException | ConflictException e) {
            refused(e, "case", htmx == null ? response : null, model);
            model.addAttribute("caseForm", Map.of("category", nz(category), "description",
                    Text.withoutUnrenderable(nz(description))));
        }
        return show(id, htmx, model);
    }

    private String show(String id, String htmx, Model model) {
        Contract contract = contracts.get(id);
        var list = evaluations.ofContract(id, 0, 50).items();
        model.addAttribute("contract", contract);
        model.addAttribute("mayChange", contracts.mayChange(contract));
        model.addAttribute("signed", isSigned(contract));
        model.addAttribute("evaluations", list);
        model.addAttribute("average", average(list));
        model.addAttribute("cases", evaluations.casesOf(id));
        model.addAttribute("links", evaluations.links(id));
        model.addAttribute("settings", evaluations.settings(id));
        model.addAttribute("confirmable", obligations.ofContract(id).stream()
                .filter(o -> o.side() == ObligationSide.OURS && o.kind().confirmedByTheCustomer()
                        && o.status() == ObligationStatus.DONE).toList());
        model.addAttribute("contacts", customers.findVisible(contract.customerId()).map(Customer::contacts)
                .orElse(List.<Contact>of()));
        model.addAttribute("purposes", List.of(EvaluationPurpose.values()));
        model.addAttribute("categories", List.of(CaseCategory.SUSPECTED_DISCLOSURE, CaseCategory.USE_BEYOND_AGREEMENT,
                CaseCategory.SERVICE_QUALITY, CaseCategory.OTHER));
        var months = new ArrayList<String>();
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < 6; i++) {
            months.add(now.minusMonths(i).toString());
        }
        model.addAttribute("months", months);
        return htmx != null ? "evaluation/panel :: panel" : "evaluation/page";
    }

    private static boolean isSigned(Contract c) {
        return switch (c.status()) {
            case SIGNED, ACTIVE, EXPIRED, TERMINATED, RENEWED -> true;
            default -> false;
        };
    }

    private static String average(List<Evaluation> list) {
        OptionalDouble avg = list.stream().mapToInt(Evaluation::rating).average();
        return avg.isPresent() ? String.format(java.util.Locale.ROOT, "%.2f", avg.getAsDouble()) : null;
    }

    private static EvaluationPurpose purpose(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EvaluationPurpose.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("purpose", "qiyue.evaluation.unknown-value");
        }
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "qiyue.evaluation.number");
        }
    }

    private static int parseVersion(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("qiyue.problem.if-match-invalid", value);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * The errors of a refused form for the panel. A page of its own answers with the error's status; htmx keeps
     * 200, since it swaps only successful answers into the page.
     */
    private void refused(QiyueException e, String form, HttpServletResponse response, Model model) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b));
        } else {
            errors.put("form", messages.getMessage(e.code(), e.args().toArray(), e.code(), locale));
        }
        if (response != null) {
            response.setStatus(e instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
                    : e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_PRECONDITION_FAILED);
        }
        model.addAttribute("errorForm", form);
        model.addAttribute("errors", errors);
    }
}

package io.qiyue.obligation.web;

import io.qiyue.obligation.CaseCategory;
import io.qiyue.obligation.CaseStatus;
import io.qiyue.obligation.ConcernCase;
import io.qiyue.obligation.Evaluations;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.Text;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concern cases (for legal above all): a filtered list of the cases the caller may read, each with a form to
 * move it (status, owner, deadline, resolution) for whoever may change it.
 */
@io.qiyue.shared.web.PageController
class CasePages {
    private final Evaluations evaluations;
    private final MessageSource messages;

    CasePages(Evaluations evaluations, MessageSource messages) {
        this.evaluations = evaluations;
        this.messages = messages;
    }

    @GetMapping("/cases")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String open,
                @RequestParam(required = false) String category, @RequestParam(required = false) String contractId,
                @RequestParam(required = false) String owner, @RequestParam(required = false) Integer page,
                Model model) {
        Boolean openOnly = open == null || open.isBlank() ? null : Boolean.valueOf("true".equalsIgnoreCase(open.strip()));
        var result = evaluations.cases(status, openOnly, category, contractId, owner, page, 50, null);
        model.addAttribute("result", result);
        model.addAttribute("mayChange", result.items().stream()
                .collect(java.util.stream.Collectors.toMap(ConcernCase::id, evaluations::mayChange)));
        model.addAttribute("statuses", List.of(CaseStatus.values()));
        model.addAttribute("categories", List.of(CaseCategory.values()));
        model.addAttribute("filter", Map.of("status", nz(status), "open", nz(open), "category", nz(category),
                "contractId", nz(contractId), "owner", nz(owner)));
        return "evaluation/cases";
    }

    @PostMapping("/cases/{caseId}")
    String change(@PathVariable String caseId, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String owner, @RequestParam(required = false) String deadline,
                  @RequestParam(required = false) String resolution, @RequestParam(required = false) String version,
                  HttpServletResponse response, Model model) {
        var current = evaluations.caseOf(caseId);
        try {
            CaseStatus to;
            try {
                to = status == null || status.isBlank() ? current.status() : CaseStatus.valueOf(status.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "qiyue.evaluation.unknown-value");
            }
            LocalDate due;
            try {
                due = deadline == null || deadline.isBlank() ? current.deadline() : LocalDate.parse(deadline.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("deadline", "qiyue.validation.date");
            }
            int expected;
            try {
                expected = version == null || version.isBlank() ? current.version() : Integer.parseInt(version.strip());
            } catch (NumberFormatException e) {
                throw new PreconditionFailedException("qiyue.problem.if-match-invalid", version);
            }
            evaluations.changeCase(caseId, expected, new Evaluations.CaseChange(to,
                    owner == null || owner.isBlank() ? current.owner() : owner, due, resolution));
        } catch (InvalidInputException | PreconditionFailedException e) {
            refused(e, response, model);
            model.addAttribute("failedCase", caseId);
            model.addAttribute("typed", Map.of("status", nz(status), "owner", nz(owner), "deadline", nz(deadline),
                    "resolution", Text.withoutUnrenderable(nz(resolution))));
            return list(null, null, null, current.contractId(), null, null, model);
        }
        return "redirect:/cases?contractId=" + current.contractId() + "&saved=" + caseId;
    }

    private void refused(QiyueException e, HttpServletResponse response, Model model) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        } else {
            errors.put("form", messages.getMessage(e.code(), e.args().toArray(), e.code(), locale));
            response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
        }
        model.addAttribute("errors", errors);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

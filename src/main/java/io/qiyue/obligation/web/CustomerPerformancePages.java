package io.qiyue.obligation.web;

import io.qiyue.obligation.CaseCategory;
import io.qiyue.obligation.EvaluationLinks;
import io.qiyue.obligation.EvaluationRules;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer's pages ({@code /c/{token}}), no account needed: a one-use link shows the evaluation form (confirm
 * and rate an obligation, or rate how we keep the contract's duties, with an optional concern); the performance
 * link shows what the contract promised the customer and whether it was kept, with shared evidence, past
 * evaluations, cases, a concern form and the monthly reports. Every token that opens nothing now gets the same
 * 404 page.
 */
@io.qiyue.shared.web.PageController
class CustomerPerformancePages {
    private final EvaluationLinks links;
    private final MessageSource messages;

    CustomerPerformancePages(EvaluationLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "evaluation/link-not-found";
    }

    @GetMapping("/c/{token}")
    String page(@PathVariable String token, Model model) {
        var view = links.view(token);
        model.addAttribute("view", view);
        model.addAttribute("token", token);
        model.addAttribute("categories", categories());
        return view.purpose().evaluates() ? "evaluation/customer-evaluation" : "evaluation/customer-performance";
    }

    /** The form's fields are read as sent, so that a bad number is refused beside its field, the rest kept. */
    @PostMapping("/c/{token}/evaluation")
    String evaluate(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                    Model model) {
        var typed = new LinkedHashMap<String, String>();
        for (String name : List.of("rating", "confirmed", "serviceQuality", "confidentiality", "sharingAsAgreed",
                "comment", "concernCategory", "concernDescription")) {
            String value = request.getParameter(name);
            typed.put(name, value == null ? "" : Text.withoutUnrenderable(value));
        }
        var errors = unrenderable(request, "comment", "concernDescription");
        repeated(request, errors, "rating", "confirmed", "serviceQuality", "confidentiality", "sharingAsAgreed",
                "comment", "concernCategory", "concernDescription");
        var answer = new EvaluationRules.Answer(number(request, "rating", errors), confirmed(request),
                number(request, "serviceQuality", errors), number(request, "confidentiality", errors),
                number(request, "sharingAsAgreed", errors), request.getParameter("comment"));
        try {
            if (errors.isEmpty()) {
                links.evaluate(token, answer, new EvaluationLinks.Concern(request.getParameter("concernCategory"),
                        request.getParameter("concernDescription")));
            } else {
                links.view(token); // a dead link stays a 404 whatever was typed
            }
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field().equals("category") ? "concernCategory"
                    : v.field().equals("description") ? "concernDescription" : v.field(), message(v.code(),
                    v.args().toArray())));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            model.addAttribute("typed", typed);
            return page(token, model);
        }
        return "evaluation/customer-thanks";
    }

    /**
     * The fields are read as sent, not bound: bound, a character no document can carry (a vertical tab pasted from
     * Word) failed the binding, which this page answers as a dead link; read, it is named beside its field and the
     * typed text is kept.
     */
    @PostMapping("/c/{token}/concerns")
    String concern(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        String category = request.getParameter("category");
        String description = request.getParameter("description");
        var errors = unrenderable(request, "category", "description");
        repeated(request, errors, "category", "description");
        try {
            if (errors.isEmpty()) {
                links.reportConcern(token, new EvaluationLinks.Concern(category, description));
            } else {
                links.view(token); // a dead link stays a 404 whatever was typed
            }
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.merge(v.field(), message(v.code(), v.args().toArray()),
                    (a, b) -> a + " " + b));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            model.addAttribute("typed", Map.of("category", category == null ? "" : category,
                    "description", description == null ? "" : Text.withoutUnrenderable(description)));
            return page(token, model);
        }
        return "redirect:/c/" + token + "?reported#cases";
    }

    @GetMapping("/c/{token}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable String token, @PathVariable String evidenceId) {
        var file = links.evidence(token, evidenceId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.getKey().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.getKey().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.getValue());
    }

    @GetMapping("/c/{token}/report")
    ResponseEntity<byte[]> report(@PathVariable String token, @RequestParam(required = false) String month) {
        byte[] pdf = links.report(token, month, LocaleContextHolder.getLocale());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("service-report-" + month.strip() + ".pdf", StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }

    /** The fields among {@code names} with a character no document can carry (pasted from Word), each named. */
    private LinkedHashMap<String, String> unrenderable(HttpServletRequest request, String... names) {
        var errors = new LinkedHashMap<String, String>();
        for (String name : names) {
            Text.firstUnrenderable(request.getParameter(name)).ifPresent(c -> errors.put(name,
                    message("qiyue.validation.characters", Text.codePointName(c))));
        }
        return errors;
    }

    /** A field sent more than once (the form sends each once): which of the values the customer meant is unknown. */
    private void repeated(HttpServletRequest request, Map<String, String> errors, String... names) {
        for (String name : names) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                errors.putIfAbsent(name, message("qiyue.validation.repeated-field", values.length));
            }
        }
    }

    private static List<CaseCategory> categories() {
        return List.of(CaseCategory.SUSPECTED_DISCLOSURE, CaseCategory.USE_BEYOND_AGREEMENT,
                CaseCategory.SERVICE_QUALITY, CaseCategory.OTHER);
    }

    private Integer number(HttpServletRequest request, String name, Map<String, String> errors) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(name, message("qiyue.evaluation.rating-range"));
            return null;
        }
    }

    private static Boolean confirmed(HttpServletRequest request) {
        String value = request.getParameter("confirmed");
        return value == null || value.isBlank() ? null : "yes".equals(value) || "true".equals(value);
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }
}

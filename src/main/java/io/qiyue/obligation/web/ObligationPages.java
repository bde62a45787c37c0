package io.qiyue.obligation.web;

import io.qiyue.contract.Contracts;
import io.qiyue.obligation.Evidence;
import io.qiyue.obligation.Obligation;
import io.qiyue.obligation.ObligationKind;
import io.qiyue.obligation.ObligationQuery;
import io.qiyue.obligation.ObligationStatus;
import io.qiyue.obligation.Obligations;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.qiyue.shared.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The obligations in the UI: a contract's 履约 page (every obligation with its evidence and the forms to mark it
 * done, waive or reopen it), the card on the contract page, and the list across contracts ({@code /obligations}:
 * what is due or late for me or my team).
 */
@PageController
class ObligationPages {
    private final Obligations obligations;
    private final Contracts contracts;
    private final MessageSource messages;

    ObligationPages(Obligations obligations, Contracts contracts, MessageSource messages) {
        this.obligations = obligations;
        this.contracts = contracts;
        this.messages = messages;
    }

    /**
     * One row of the page: the obligation, its files, and which moves the page offers: those the API's
     * {@code actions} list (outside tester: a reopen the API refused was offered), none where the caller may not
     * answer for it.
     */
    record Row(Obligation o, List<Evidence> evidence, boolean mayAnswer, boolean mayComplete, boolean mayWaive,
               boolean mayReopen) {
        static Row of(Obligation o, List<Evidence> evidence, List<io.qiyue.obligation.ObligationAction> actions) {
            return new Row(o, evidence, !actions.isEmpty(),
                    actions.contains(io.qiyue.obligation.ObligationAction.COMPLETE),
                    actions.contains(io.qiyue.obligation.ObligationAction.WAIVE),
                    actions.contains(io.qiyue.obligation.ObligationAction.REOPEN));
        }
    }

    @GetMapping("/contracts/{id}/obligations")
    String page(@PathVariable String id, Model model) {
        var contract = contracts.get(id);
        var evidence = obligations.evidence(id).stream().collect(Collectors.groupingBy(Evidence::obligationId));
        var list = obligations.ofContract(id);
        var actions = obligations.actionsOf(id, list);
        var rows = list.stream()
                .map(o -> Row.of(o, evidence.getOrDefault(o.id(), List.of()), actions.get(o.id())))
                .toList();
        model.addAttribute("contract", contract);
        model.addAttribute("rows", rows);
        model.addAttribute("counts", counts(rows.stream().map(Row::o).toList()));
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return "obligations/page";
    }

    /** The contract page's card: how many are open, late and done (loaded by htmx). */
    @GetMapping("/contracts/{id}/obligations-card")
    String card(@PathVariable String id, Model model) {
        var list = obligations.ofContract(id);
        model.addAttribute("contractId", id);
        model.addAttribute("total", list.size());
        model.addAttribute("counts", counts(list));
        return "obligations/card :: card";
    }

    @PostMapping("/contracts/{cid}/obligations/{id}/complete")
    String complete(@PathVariable String cid, @PathVariable String id, @RequestParam(required = false) String version,
                    @RequestParam(required = false) String note, @RequestParam(required = false) String completedOn,
                    @RequestParam(required = false) String shared,
                    @RequestParam(value = "file", required = false) List<MultipartFile> files,
                    HttpServletResponse response, Model model) throws IOException {
        try {
            belongs(cid, id);
            obligations.complete(id, version(version), new Obligations.Completion(note,
                    ObligationApi.date("completedOn", completedOn)), ObligationApi.uploads(files, shared != null));
        } catch (QiyueException e) {
            return refused(cid, id, e, response, model);
        }
        return "redirect:/contracts/" + cid + "/obligations?done#o-" + id;
    }

    @PostMapping("/contracts/{cid}/obligations/{id}/waive")
    String waive(@PathVariable String cid, @PathVariable String id, @RequestParam(required = false) String version,
                 @RequestParam(required = false) String reason, HttpServletResponse response, Model model) {
        try {
            belongs(cid, id);
            obligations.waive(id, version(version), reason);
        } catch (QiyueException e) {
            return refused(cid, id, e, response, model);
        }
        return "redirect:/contracts/" + cid + "/obligations?waived#o-" + id;
    }

    @PostMapping("/contracts/{cid}/obligations/{id}/reopen")
    String reopen(@PathVariable String cid, @PathVariable String id, @RequestParam(required = false) String version,
                  @RequestParam(required = false) String reason, HttpServletResponse response, Model model) {
        try {
            belongs(cid, id);
            obligations.reopen(id, version(version), reason);
        } catch (QiyueException e) {
            return refused(cid, id, e, response, model);
        }
        return "redirect:/contracts/" + cid + "/obligations?reopened#o-" + id;
    }

    @PostMapping("/contracts/{cid}/obligations/{id}/evidence")
    String evidence(@PathVariable String cid, @PathVariable String id, @RequestParam(required = false) String shared,
                    @RequestParam(value = "file", required = false) List<MultipartFile> files,
                    HttpServletResponse response, Model model) throws IOException {
        try {
            belongs(cid, id);
            var uploads = ObligationApi.uploads(files, shared != null);
            if (uploads.isEmpty()) {
                throw new InvalidInputException("file", "qiyue.obligation.evidence-empty");
            }
            for (var upload : uploads) {
                obligations.addEvidence(id, upload);
            }
        } catch (QiyueException e) {
            return refused(cid, id, e, response, model);
        }
        return "redirect:/contracts/" + cid + "/obligations?uploaded#o-" + id;
    }

    @GetMapping("/obligation-evidence/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id) {
        var file = obligations.evidenceFile(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.getKey().contentType()))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(file.getKey().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.getValue());
    }

    /** What is due or late across contracts: mine by default, my scope's with {@code all}. */
    @GetMapping("/obligations")
    String list(@RequestParam(required = false) String view, @RequestParam(required = false) String kind,
                @RequestParam(required = false) Integer page, Model model) {
        String shown = view == null ? "open" : view;
        Set<ObligationStatus> status = switch (shown) {
            case "overdue" -> Set.of(ObligationStatus.OVERDUE);
            case "done" -> Set.of(ObligationStatus.DONE, ObligationStatus.WAIVED);
            case "all" -> Set.of();
            default -> Set.of(ObligationStatus.PENDING, ObligationStatus.OVERDUE);
        };
        ObligationKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = ObligationKind.valueOf(kind);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidInputException("kind", "qiyue.obligation.kind-unknown");
            }
        }
        var result = obligations.list(new ObligationQuery(status, k, null, null, null, null, null, null),
                page, 50, shown.equals("done") ? "updatedAt,desc" : "dueDate,asc");
        var numbers = new LinkedHashMap<String, String>();
        for (var o : result.items()) {
            numbers.computeIfAbsent(o.contractId(), cid -> contracts.findVisible(cid)
                    .map(c -> c.number() + " " + c.title()).orElse(cid));
        }
        model.addAttribute("result", result);
        model.addAttribute("contractNames", numbers);
        model.addAttribute("view", shown);
        model.addAttribute("kind", k);
        model.addAttribute("kinds", ObligationKind.values());
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        return "obligations/list";
    }

    private String refused(String cid, String id, QiyueException e, HttpServletResponse response, Model model) {
        if (e instanceof ForbiddenException forbidden) {
            throw forbidden;
        }
        var errors = new ArrayList<String>();
        var locale = LocaleContextHolder.getLocale();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.add(messages.getMessage(v.code(), v.args().toArray(), v.code(),
                    locale)));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        } else {
            errors.add(messages.getMessage(e.code(), e.args().toArray(), e.code(), locale));
            response.setStatus(e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT
                    : e instanceof PreconditionFailedException ? HttpServletResponse.SC_PRECONDITION_FAILED
                    : e instanceof io.qiyue.shared.NotFoundException ? HttpServletResponse.SC_NOT_FOUND
                    : HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("errorSummary", String.join(" ", errors));
        model.addAttribute("errorFor", id);
        return page(cid, model);
    }

    /** The obligation is the contract's: a form posted under another contract's address finds nothing. */
    private void belongs(String cid, String id) {
        if (!obligations.get(id).contractId().equals(cid)) {
            throw new io.qiyue.shared.NotFoundException("qiyue.problem.not-found", "obligation", id);
        }
    }

    private static int version(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("qiyue.problem.if-match-invalid", String.valueOf(value));
        }
    }

    private static Map<ObligationStatus, Long> counts(List<Obligation> list) {
        var counts = new EnumMap<ObligationStatus, Long>(ObligationStatus.class);
        for (var s : ObligationStatus.values()) {
            counts.put(s, 0L);
        }
        list.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }
}

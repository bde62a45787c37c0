package io.qiyue.obligation.web;

import io.qiyue.obligation.Dashboards;
import io.qiyue.obligation.Evidence;
import io.qiyue.obligation.Obligation;
import io.qiyue.obligation.ObligationAction;
import io.qiyue.obligation.ObligationKind;
import io.qiyue.obligation.ObligationQuery;
import io.qiyue.obligation.ObligationSide;
import io.qiyue.obligation.ObligationStatus;
import io.qiyue.obligation.ObligationTitles;
import io.qiyue.obligation.Obligations;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Obligations over HTTP (spec/api.md): a contract's obligations with their evidence, the list across contracts,
 * and the moves done / waived / reopened, each with {@code If-Match}. Completion takes JSON, or a multipart form
 * with the evidence files ({@code file}, repeatable; {@code shared=true} shows them to the customer).
 */
@RestController
@RequestMapping("/api/v1")
class ObligationApi {
    private final Obligations obligations;

    private final Dashboards dashboards;
    private final PerformanceListExports exports;
    private final MessageSource messages;
    private final Clock clock;
    private final ObligationTitles titles;

    ObligationApi(Obligations obligations, Dashboards dashboards, PerformanceListExports exports,
                  MessageSource messages, Clock clock, ObligationTitles titles) {
        this.obligations = obligations;
        this.titles = titles;
        this.exports = exports;
        this.dashboards = dashboards;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * An obligation as the API shows it: its evidence and what the caller may do with it now. {@code title},
     * {@code description} and {@code statusReason} are as stored, in the contract's language; their {@code display}
     * twins put what Qiyue wrote in them in the reader's (an English reader got Chinese titles: outside tester).
     */
    record ObligationView(String id, String contractId, int seq, ObligationKind kind, ObligationSide side,
                          String responsible, String title, String displayTitle, String description,
                          String displayDescription, LocalDate startsOn,
                          LocalDate dueDate, String dueTrigger, io.qiyue.shared.Money amount,
                          ObligationStatus status, String statusReason, String displayStatusReason,
                          LocalDate completedOn,
                          java.time.Instant completedAt, String completedBy, String note, List<Evidence> evidence,
                          List<ObligationAction> actions, int version) {
    }

    record CompleteInput(String note, LocalDate completedOn) {
    }

    record ReasonInput(String reason) {
    }

    @GetMapping(path = "/contracts/{id}/obligations", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<ObligationView> ofContract(@PathVariable String id, @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        var evidence = obligations.evidence(id).stream().collect(Collectors.groupingBy(Evidence::obligationId));
        var list = obligations.ofContract(id);
        var actions = obligations.actionsOf(id, list);
        return PageResult.of(list.stream()
                .map(o -> view(o, evidence.getOrDefault(o.id(), List.of()), actions.get(o.id()))).toList(), page, size);
    }

    /** The same list as XLSX or CSV, with the columns of the obligation list's export. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/obligations", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportOfContract(@PathVariable String id, @RequestHeader(HttpHeaders.ACCEPT) String accept,
                          HttpServletResponse response) {
        exports.contractObligations(id, ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/obligations", params = "format",
            produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportOfContractAs(@PathVariable String id, @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        exports.contractObligations(id, chosen, response);
    }

    @GetMapping(path = "/obligations", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<ObligationView> list(@RequestParam(required = false) Set<ObligationStatus> status,
                                    @RequestParam(required = false) ObligationKind kind,
                                    @RequestParam(required = false) ObligationSide side,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
                                    @RequestParam(required = false) String owner,
                                    @RequestParam(required = false) String responsible,
                                    @RequestParam(required = false) String contractId,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size,
                                    @RequestParam(required = false) String sort) {
        var result = obligations.list(new ObligationQuery(status, kind, side, dueFrom, dueTo, owner, responsible,
                contractId), page, size, sort);
        // each contract's rows ask for what the caller may do in one go (the contract, its receipts)
        var actions = new java.util.HashMap<String, List<ObligationAction>>();
        result.items().stream().collect(Collectors.groupingBy(Obligation::contractId))
                .forEach((contract, rows) -> actions.putAll(obligations.actionsOf(contract, rows)));
        return new PageResult<>(result.items().stream().map(o -> view(o, List.of(), actions.get(o.id()))).toList(),
                result.page(), result.size(), result.total());
    }

    /** The same filtered list, every page of it, as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/obligations", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void export(@RequestParam(required = false) Set<ObligationStatus> status,
                @RequestParam(required = false) ObligationKind kind,
                @RequestParam(required = false) ObligationSide side,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
                @RequestParam(required = false) String owner,
                @RequestParam(required = false) String responsible,
                @RequestParam(required = false) String contractId,
                @RequestHeader(HttpHeaders.ACCEPT) String accept, HttpServletResponse response) {
        var words = ListExport.Wording.ofRequest(messages, clock);
        try (var export = ListExport.start(response, ListExport.Format.ofAccept(accept), "obligations",
                words.text("export.obligations.file"), LocalDate.now(clock), words.text("obligation.export.sheet"),
                dashboards.obligationColumns())) {
            dashboards.forEachListedObligationRow(new ObligationQuery(status, kind, side, dueFrom, dueTo, owner,
                    responsible, contractId), export::row);
        }
    }

    @GetMapping("/obligations/{id}")
    ResponseEntity<ObligationView> get(@PathVariable String id) {
        return ok(obligations.get(id));
    }

    @PostMapping(path = "/obligations/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObligationView> complete(@PathVariable String id,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestBody(required = false) CompleteInput input) {
        int expected = Versions.expected(ifMatch);
        var body = input == null ? new CompleteInput(null, null) : input;
        return ok(obligations.complete(id, expected, new Obligations.Completion(body.note(), body.completedOn()),
                List.of()));
    }

    @PostMapping(path = "/obligations/{id}/complete", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ObligationView> completeWithEvidence(@PathVariable String id,
                                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                        @RequestParam(required = false) String note,
                                                        @RequestParam(required = false) String completedOn,
                                                        @RequestParam(required = false) boolean shared,
                                                        @RequestParam(value = "file", required = false) List<MultipartFile> files)
            throws IOException {
        int expected = Versions.expected(ifMatch);
        return ok(obligations.complete(id, expected, new Obligations.Completion(note, date("completedOn", completedOn)),
                uploads(files, shared)));
    }

    @PostMapping(path = "/obligations/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Evidence> addEvidence(@PathVariable String id, @RequestParam(required = false) boolean shared,
                                         @RequestParam(value = "file", required = false) List<MultipartFile> files)
            throws IOException {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("file", "qiyue.obligation.evidence-empty");
        }
        if (files.size() > 1) {
            // one piece of evidence per request, answered with its address: the others were dropped without a word
            throw new InvalidInputException("file", "qiyue.obligation.evidence-one-file", files.size());
        }
        var evidence = obligations.addEvidence(id, upload(files.getFirst(), shared));
        return ResponseEntity.created(java.net.URI.create("/api/v1/obligation-evidence/" + evidence.id())).body(evidence);
    }

    @GetMapping("/obligation-evidence/{id}")
    ResponseEntity<byte[]> evidence(@PathVariable String id) {
        var file = obligations.evidenceFile(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.getKey().contentType()))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(file.getKey().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.getValue());
    }

    @PostMapping("/obligations/{id}/waive")
    ResponseEntity<ObligationView> waive(@PathVariable String id,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestBody(required = false) ReasonInput input) {
        int expected = Versions.expected(ifMatch);
        return ok(obligations.waive(id, expected, input == null ? null : input.reason()));
    }

    @PostMapping("/obligations/{id}/reopen")
    ResponseEntity<ObligationView> reopen(@PathVariable String id,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @RequestBody(required = false) ReasonInput input) {
        int expected = Versions.expected(ifMatch);
        return ok(obligations.reopen(id, expected, input == null ? null : input.reason()));
    }

    private ResponseEntity<ObligationView> ok(Obligation o) {
        var evidence = obligations.evidence(o.contractId()).stream().filter(e -> e.obligationId().equals(o.id()))
                .toList();
        return ResponseEntity.ok().eTag(Versions.etag(o.version())).body(view(o, evidence));
    }

    private ObligationView view(Obligation o, List<Evidence> evidence) {
        return view(o, evidence, obligations.mayAnswer(o) ? obligations.allowedActions(o) : List.of());
    }

    private ObligationView view(Obligation o, List<Evidence> evidence, List<ObligationAction> actions) {
        return new ObligationView(o.id(), o.contractId(), o.seq(), o.kind(), o.side(), o.responsible(), o.title(),
                titles.of(o.title()), o.description(), titles.description(o.description()), o.startsOn(), o.dueDate(),
                o.dueTrigger(), o.amount(), o.status(), o.statusReason(), titles.reason(o.statusReason()),
                o.completedOn(), o.completedAt(), o.completedBy(), o.note(), evidence, actions, o.version());
    }

    static List<Obligations.Upload> uploads(List<MultipartFile> files, boolean shared) throws IOException {
        var out = new ArrayList<Obligations.Upload>();
        if (files != null) {
            for (var file : files) {
                // a form without a chosen file sends an empty part without a name: nothing; a named empty file is
                // refused by the evidence check, not silently dropped
                if (file != null && !(file.isEmpty() && (file.getOriginalFilename() == null
                        || file.getOriginalFilename().isBlank()))) {
                    out.add(upload(file, shared));
                }
            }
        }
        return out;
    }

    static Obligations.Upload upload(MultipartFile file, boolean shared) throws IOException {
        return new Obligations.Upload(file.getOriginalFilename(), file.getContentType(), file.getBytes(), shared);
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "qiyue.obligation.date-invalid");
        }
    }

}

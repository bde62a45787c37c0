package io.qiyue.obligation.web;

import io.qiyue.obligation.CaseCategory;
import io.qiyue.obligation.ConcernCase;
import io.qiyue.obligation.Evaluation;
import io.qiyue.obligation.EvaluationLink;
import io.qiyue.obligation.EvaluationPurpose;
import io.qiyue.obligation.Evaluations;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.PublicBaseUrl;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Supervision and evaluation over the REST API (spec/api.md): the customer's evaluations and links, the periodic
 * evaluation's interval, the averages, the concern cases and the monthly service report.
 */
@RestController
@RequestMapping("/api/v1")
class EvaluationApi {
    private final Evaluations evaluations;
    private final JsonMapper json;
    private final Validator validator;
    private final PerformanceListExports exports;
    private final PublicBaseUrl publicBaseUrl;

    EvaluationApi(Evaluations evaluations, JsonMapper json, Validator validator, PerformanceListExports exports,
                  PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.evaluations = evaluations;
        this.json = json;
        this.validator = validator;
        this.exports = exports;
    }

    @GetMapping("/contracts/{id}/evaluations")
    PageResult<Evaluation> evaluations(@PathVariable String id, @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return evaluations.ofContract(id, page, size);
    }

    record LinkRequest(EvaluationPurpose purpose, @Size(max = 36) String obligationId, @Size(max = 36) String contactId,
                       Integer expiresInDays, Boolean send) {
    }

    /** A new link, with its address: the token in it is shown this once. */
    record CreatedLink(String id, String contractId, EvaluationPurpose purpose, String obligationId, String contactId,
                       String contactName, Instant expiresAt, EvaluationLink.Status status, String url) {
    }

    @PostMapping("/contracts/{id}/evaluation-links")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<CreatedLink> createLink(@PathVariable String id, @RequestBody LinkRequest body) {
        var issued = evaluations.issue(id, body == null ? null : new Evaluations.LinkInput(body.purpose(),
                body.obligationId(), body.contactId(), body.expiresInDays(), body.send()));
        var l = issued.link();
        return ResponseEntity.created(URI.create("/api/v1/evaluation-links/" + l.id()))
                .body(new CreatedLink(l.id(), l.contractId(), l.purpose(), l.obligationId(), l.contactId(),
                        l.contactName(), l.expiresAt(), l.status(), publicBaseUrl.of(issued.path())));
    }

    @GetMapping("/contracts/{id}/evaluation-links")
    PageResult<EvaluationLink> links(@PathVariable String id,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return PageResult.of(evaluations.links(id), page, size);
    }

    @DeleteMapping("/evaluation-links/{linkId}")
    EvaluationLink revoke(@PathVariable String linkId) {
        return evaluations.revoke(linkId);
    }

    /** One link (never its token, which was shown once). */
    @GetMapping("/evaluation-links/{linkId}")
    EvaluationLink link(@PathVariable String linkId) {
        return evaluations.link(linkId);
    }

    @GetMapping("/contracts/{id}/evaluation-settings")
    ResponseEntity<Evaluations.Settings> settings(@PathVariable String id) {
        var s = evaluations.settings(id);
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    record SettingsRequest(Integer intervalDays) {
    }

    @PutMapping("/contracts/{id}/evaluation-settings")
    ResponseEntity<Evaluations.Settings> changeSettings(@PathVariable String id,
                                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                        @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, evaluations.settings(id), SettingsRequest.class);
        var s = evaluations.changeSettings(id, expected, input.intervalDays());
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(s);
    }

    @GetMapping("/evaluations/summary")
    Evaluations.Summary summary(@RequestParam(required = false) String groupBy) {
        return evaluations.summary(groupBy);
    }

    @GetMapping("/contracts/{id}/cases")
    PageResult<ConcernCase> casesOfContract(@PathVariable String id,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size) {
        return PageResult.of(evaluations.casesOf(id), page, size);
    }

    record CaseRequest(CaseCategory category, @Size(max = 4000) String description, LocalDate deadline) {
    }

    @PostMapping("/contracts/{id}/cases")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<ConcernCase> reportCase(@PathVariable String id, @RequestBody CaseRequest body) {
        var c = evaluations.reportCase(id, body == null ? null
                : new Evaluations.CaseInput(body.category(), body.description(), body.deadline()));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + c.id())).eTag(Versions.etag(c.version())).body(c);
    }

    @GetMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<ConcernCase> cases(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) Boolean open,
                                  @RequestParam(required = false) String category,
                                  @RequestParam(required = false) String contractId,
                                  @RequestParam(required = false) String owner,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size,
                                  @RequestParam(required = false) String sort) {
        return evaluations.cases(status, open, category, contractId, owner, page, size, sort);
    }

    /** The same filtered list, every page of it, as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/cases", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportCases(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean open,
                     @RequestParam(required = false) String category,
                     @RequestParam(required = false) String contractId, @RequestParam(required = false) String owner,
                     @RequestParam(required = false) String sort, @RequestHeader(HttpHeaders.ACCEPT) String accept,
                     HttpServletResponse response) {
        exports.cases(status, open, category, contractId, owner, sort, ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/cases", params = "format", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportCasesAs(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean open,
                       @RequestParam(required = false) String category,
                       @RequestParam(required = false) String contractId,
                       @RequestParam(required = false) String owner, @RequestParam(required = false) String sort,
                       @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        exports.cases(status, open, category, contractId, owner, sort, chosen, response);
    }

    @GetMapping("/cases/{caseId}")
    ResponseEntity<ConcernCase> caseOf(@PathVariable String caseId) {
        var c = evaluations.caseOf(caseId);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    /** JSON Merge Patch of {@code status}, {@code owner}, {@code deadline} and {@code resolution}, with If-Match. */
    @PatchMapping(path = "/cases/{caseId}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ConcernCase> patchCase(@PathVariable String caseId,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @RequestBody JsonNode patch) {
        int expected = Versions.expected(ifMatch);
        var current = evaluations.caseOf(caseId);
        JsonNode base = json.valueToTree(evaluations.editable(caseId));
        var change = JsonInput.readUpdate(json, validator, JsonTrees.mergePatch(base, patch), current,
                Evaluations.CaseChange.class);
        var c = evaluations.changeCase(caseId, expected, change);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    @GetMapping("/contracts/{id}/service-report")
    ResponseEntity<byte[]> serviceReport(@PathVariable String id, @RequestParam(required = false) String month) {
        byte[] pdf = evaluations.serviceReport(id, month, LocaleContextHolder.getLocale());
        return pdf(pdf, "service-report-" + id + "-" + month.strip() + ".pdf");
    }

    record SendRequest(@Size(max = 7) String month) {
    }

    /** E-mails the contact a link to the performance page with the month's report; answers the link made. */
    @PostMapping("/contracts/{id}/service-report/send")
    ResponseEntity<CreatedLink> sendServiceReport(@PathVariable String id, @RequestBody SendRequest body) {
        var issued = evaluations.sendServiceReport(id, body == null ? null : body.month());
        var l = issued.link();
        return ResponseEntity.accepted().body(new CreatedLink(l.id(), l.contractId(), l.purpose(), l.obligationId(),
                l.contactId(), l.contactName(), l.expiresAt(), l.status(), publicBaseUrl.of(issued.path())));
    }

    static ResponseEntity<byte[]> pdf(byte[] pdf, String fileName) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }
}

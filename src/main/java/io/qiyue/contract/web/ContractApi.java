package io.qiyue.contract.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractJson;
import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.ContractVersion;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ReviewState;
import io.qiyue.contract.TermsSchema;
import io.qiyue.contract.VersionHistory;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonAnswer;
import io.qiyue.shared.web.JsonInput;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
class ContractApi {
    private final Contracts contracts;
    private final JsonMapper json;
    private final VersionHistory history;
    private final ContractExport export;

    ContractApi(Contracts contracts, JsonMapper json, VersionHistory history, ContractExport export) {
        this.export = export;
        this.contracts = contracts;
        this.history = history;
        this.json = json;
    }

    /** One contract type with the JSON Schema of its terms. */
    /** {@code termsSchema} is a JSON Schema document: described to OpenAPI as an object (springdoc cannot read it). */
    record ContractTypeDescription(ContractType type, String code, String name, List<String> parts,
                                   List<String> ownParts, boolean paid,
                                   @io.swagger.v3.oas.annotations.media.Schema(type = "object",
                                           description = "JSON Schema (2020-12) of this type's terms")
                                   ObjectNode termsSchema) {
    }

    @GetMapping("/contract-types")
    PageResult<ContractTypeDescription> types(@RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size) {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return PageResult.of(Arrays.stream(ContractType.values()).map(t -> new ContractTypeDescription(t, t.code(),
                english ? t.nameEn() : t.nameZh(), t.parts(), t.ownParts(), t.paid(), TermsSchema.of(t, english))).toList(),
                page, size);
    }

    @GetMapping(path = "/contracts", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<ContractSummary> list(@RequestParam(required = false) String q,
                                     @RequestParam(required = false) ContractType type,
                                     @RequestParam(required = false) ContractStatus status,
                                     @RequestParam(required = false) String customerId,
                                     @RequestParam(required = false) String owner,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsBefore,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsAfter,
                                     @RequestParam(required = false) boolean notFullyPaid,
                                     @RequestParam(required = false) ReviewState.Filter review,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size,
                                     @RequestParam(required = false) String sort) {
        return contracts.list(new ContractQuery(io.qiyue.shared.web.ListQueries.q(q), type, status, customerId, owner,
                endsBefore, endsAfter, notFullyPaid, review), page, size, sort);
    }

    /** The list's filters, as query parameters, for the exports. */
    record ListFilter(String q, ContractType type, ContractStatus status, String customerId, String owner,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsBefore,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsAfter, Boolean notFullyPaid,
                      ReviewState.Filter review, String sort) {
        ContractQuery query() {
            return new ContractQuery(io.qiyue.shared.web.ListQueries.q(q), type, status, customerId, owner,
                    endsBefore, endsAfter, Boolean.TRUE.equals(notFullyPaid), review);
        }
    }

    /** The same filtered list, every page of it, as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void export(ListFilter filter, @RequestHeader(HttpHeaders.ACCEPT) String accept, HttpServletResponse response) {
        export.write(filter.query(), filter.sort(), ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts", params = "format", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportAs(ListFilter filter, @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        export.write(filter.query(), filter.sort(), chosen, response);
    }

    /**
     * The same JSON as {@link Contract}'s, the terms sent as stored (see {@link ContractJson}); written by
     * {@link JsonAnswer}, as the most frequent read of the API.
     */
    @GetMapping(path = "/contracts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ContractJson.class)))
    void get(@PathVariable String id, HttpServletResponse response) throws IOException {
        var c = contracts.getJson(id);
        JsonAnswer.write(json, response, Versions.etag(c.version()), c);
    }

    /** Not {@code @Valid}: {@link Contracts} checks the fields' constraints with the rules between them, all at once. */
    @PostMapping("/contracts")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Contract> create(@RequestBody ContractInput input) {
        var c = contracts.create(input);
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + c.id())).eTag(Versions.etag(c.version()))
                .body(c);
    }

    /** What GET answered may come back as it is: see {@link JsonInput#readUpdate}. */
    @PutMapping("/contracts/{id}")
    ResponseEntity<Contract> put(@PathVariable String id,
                                 @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ContractInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        return ok(contracts.update(id, expected, contractInput(body, id)));
    }

    @PatchMapping(path = "/contracts/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Contract> patch(@PathVariable String id,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @RequestBody JsonNode patch) {
        int expected = Versions.expected(ifMatch);
        JsonNode base = json.valueToTree(contracts.editable(id));
        return ok(contracts.update(id, expected, contractInput(JsonTrees.mergePatch(base, patch), id)));
    }

    /** A contract's fields, named as the contract's (合同名称, not 名称) when they are refused. */
    private ContractInput contractInput(JsonNode body, String id) {
        try {
            return JsonInput.readUpdate(json, body, contracts.get(id), ContractInput.class,
                    in -> contracts.problems(id, in));
        } catch (io.qiyue.shared.InvalidInputException e) {
            throw e.subject() == null ? e.about("contract") : e;
        }
    }

    /** The reason of a lifecycle transition (optional), recorded in the audit trail. */
    record Transition(@Size(max = 1000) String reason) {
    }

    /** DRAFT → IN_APPROVAL; 409 with the blocking review findings when the contract is not ready. */
    @PostMapping("/contracts/{id}/submit")
    ResponseEntity<Contract> submit(@PathVariable String id,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @Valid @RequestBody(required = false) Transition body) {
        return ok(contracts.submit(id, Versions.expected(ifMatch), body == null ? null : body.reason()));
    }

    /** IN_APPROVAL → DRAFT. */
    @PostMapping("/contracts/{id}/withdraw")
    ResponseEntity<Contract> withdraw(@PathVariable String id,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                      @Valid @RequestBody(required = false) Transition body) {
        return ok(contracts.withdraw(id, Versions.expected(ifMatch), body == null ? null : body.reason()));
    }

    /** APPROVED → SIGNING: the owner starts signing; the review gate asks again (409 with blocking findings). */
    @PostMapping("/contracts/{id}/signing")
    ResponseEntity<Contract> startSigning(@PathVariable String id,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody(required = false) Transition body) {
        return ok(contracts.transition(id, ContractAction.START_SIGNING, Versions.expected(ifMatch),
                body == null ? null : body.reason()));
    }

    /** SIGNING → APPROVED: the owner stops a signing that has not finished. */
    @PostMapping("/contracts/{id}/signing/cancel")
    ResponseEntity<Contract> cancelSigning(@PathVariable String id,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                           @Valid @RequestBody(required = false) Transition body) {
        return ok(contracts.transition(id, ContractAction.CANCEL_SIGNING, Versions.expected(ifMatch),
                body == null ? null : body.reason()));
    }

    /** An early termination: why, and from which day (a later day takes effect then). */
    record Termination(@Size(max = 1000) String reason, LocalDate date) {
    }

    @PostMapping("/contracts/{id}/terminate")
    ResponseEntity<Contract> terminate(@PathVariable String id,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody(required = false) Termination body) {
        var termination = body == null ? new Termination(null, null) : body;
        return ok(contracts.terminate(id, Versions.expected(ifMatch), termination.reason(), termination.date()));
    }

    /** The successor's term and title; each defaults from the renewed contract. */
    record Renewal(LocalDate startDate, LocalDate endDate, @Size(max = 200) String title) {
    }

    /** Creates the successor draft (201, its location) and links both contracts. */
    @PostMapping("/contracts/{id}/renew")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Contract> renew(@PathVariable String id,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @Valid @RequestBody(required = false) Renewal body) {
        var renewal = body == null ? new Renewal(null, null, null) : body;
        var successor = contracts.renew(id, Versions.expected(ifMatch), renewal.startDate(), renewal.endDate(),
                renewal.title());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + successor.id()))
                .eTag(Versions.etag(successor.version())).body(successor);
    }

    /**
     * Where a contract stands in its lifecycle and what the caller may do with it now; {@code autoRenewals}: the
     * years a contract that renews itself went on, {@code nonRenewal}: a notice that it will not again (with
     * {@code noticeDeadline} and {@code noticeLate}: given after the day its clause allows, it needs the other party's
     * acceptance).
     */
    record Lifecycle(ContractStatus status, int version, List<ContractAction> allowedActions, String predecessorId,
                     String predecessorNumber, String successorId, String successorNumber, LocalDate terminationDate,
                     String terminationReason, int autoRenewals,
                     io.qiyue.contract.ContractLineage.NonRenewal nonRenewal) {
    }

    /** A notice of non-renewal; the reason is optional. */
    record NonRenewalNotice(@Size(max = 500) String reason) {
    }

    /**
     * Records that the contract, which renews itself, will not renew at the end of its current term (不再续约):
     * the calendar then ends it on its end date. Recording it again is no error. A notice after the clause's deadline
     * is recorded too, marked late ({@code nonRenewal.noticeLate}).
     */
    @PostMapping("/contracts/{id}/non-renewal")
    ResponseEntity<Lifecycle> nonRenewal(@PathVariable String id,
                                         @Valid @RequestBody(required = false) NonRenewalNotice body) {
        contracts.giveNonRenewalNotice(id, body == null ? null : body.reason());
        return lifecycle(id);
    }

    @GetMapping("/contracts/{id}/lifecycle")
    ResponseEntity<Lifecycle> lifecycle(@PathVariable String id) {
        var contract = contracts.get(id);
        var lineage = contracts.lineage(id);
        return ResponseEntity.ok().eTag(Versions.etag(contract.version())).body(new Lifecycle(contract.status(),
                contract.version(), contracts.actionsFor(contract), lineage.predecessorId(), lineage.predecessorNumber(),
                lineage.successorId(), lineage.successorNumber(), lineage.terminationDate(),
                lineage.terminationReason(), lineage.autoRenewals(), lineage.nonRenewal()));
    }

    /** The whole version history: saved versions and uploaded paper, in one numbering (see ExternalVersions). */
    @GetMapping("/contracts/{id}/versions")
    PageResult<ContractVersion> versions(@PathVariable String id,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return PageResult.of(history.list(id), page, size);
    }

    @GetMapping(path = "/contracts/{id}/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> version(@PathVariable String id, @PathVariable int version) {
        String content = history.content(id, version);
        if (version >= io.qiyue.contract.ExternalVersions.FIRST) {
            return ResponseEntity.ok(content);
        }
        // a saved version: the contract as it was, with what the version list says of it (kind, who saved it and
        // when, its hash and note), as an uploaded version's answer has them (outside tester: only the snapshot)
        var snapshot = (tools.jackson.databind.node.ObjectNode) json.readTree(content);
        var meta = history.get(id, version);
        snapshot.put("kind", meta.kind());
        snapshot.put("cause", meta.cause() == null ? null : meta.cause().name());
        // the snapshot keeps no times of its own: createdAt and createdBy are the version's, as in the list
        snapshot.put("createdAt", meta.createdAt() == null ? null : meta.createdAt().toString());
        snapshot.put("createdBy", meta.createdBy());
        snapshot.put("sha256", meta.sha256());
        snapshot.put("note", meta.note());
        snapshot.put("noteRevision", meta.noteRevision());
        if (snapshot.path("customerName").isNull() || snapshot.path("customerName").isMissingNode()) {
            var current = contracts.get(id);
            if (current.customerId().equals(snapshot.path("customerId").asString())) {
                snapshot.put("customerName", current.customerName());
            }
        }
        // the ETag is the note's, which is all of a saved version that changes (PUT …/note takes it as If-Match)
        return ResponseEntity.ok().eTag(Versions.etag(meta.noteRevision())).body(snapshot.toString());
    }

    /** The change note of one version: a line of at most 200 characters; blank clears it. */
    record VersionNote(String note) {
    }

    /**
     * Sets a version's change note, for its author or an admin. If-Match is the note's ETag: the
     * {@code noteRevision} of the version as the history lists it ({@code "0"} before the first note).
     */
    @PutMapping("/contracts/{id}/versions/{version}/note")
    ResponseEntity<ContractVersion> note(@PathVariable String id, @PathVariable int version,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestBody VersionNote body) {
        var noted = history.note(id, version, Versions.expected(ifMatch), body.note());
        return ResponseEntity.ok().eTag(Versions.etag(noted.noteRevision())).body(noted);
    }

    private static ResponseEntity<Contract> ok(Contract contract) {
        return ResponseEntity.ok().eTag(Versions.etag(contract.version())).body(contract);
    }
}

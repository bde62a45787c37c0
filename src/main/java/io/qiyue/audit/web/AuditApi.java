package io.qiyue.audit.web;

import io.qiyue.audit.AuditEntry;
import io.qiyue.audit.AuditTrail;
import io.qiyue.audit.ChainVerification;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.qiyue.audit.AuditQuery;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;
import java.util.Locale;

@RestController
class AuditApi {
    private final AuditTrail trail;

    private final AuditListExport listExport;

    AuditApi(AuditTrail trail, AuditListExport listExport) {
        this.trail = trail;
        this.listExport = listExport;
    }

    /** The same filtered list, every page of it, as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/api/v1/audit", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportList(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                    @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestHeader(HttpHeaders.ACCEPT) String accept, HttpServletResponse response) {
        listExport.write(AuditQuery.of(entity, id, actor, action, from, to), ListExport.Format.ofAccept(accept),
                response);
    }

    /** The list's export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/api/v1/audit", params = "format", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportListAs(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        listExport.write(AuditQuery.of(entity, id, actor, action, from, to), chosen, response);
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<AuditEntry> audit(@RequestParam(required = false) String entity,
                                 @RequestParam(required = false) String id,
                                 @RequestParam(required = false) String actor,
                                 @RequestParam(required = false) String action,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate to,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size,
                                 @RequestParam(required = false) String sort) {
        return trail.find(AuditQuery.of(entity, id, actor, action, from, to), page, size, sort);
    }

    /** Walks the whole chain; the head in the answer is what an operator records outside the database. */
    @GetMapping("/api/v1/audit/verify")
    ChainVerification verify() {
        return trail.verify();
    }

    /** One entity's full history, oldest first, as CSV or PDF. */
    @GetMapping("/api/v1/audit/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String entity,
                                  @RequestParam(required = false) String id,
                                  @RequestParam(required = false) String format, Locale locale) {
        return download(trail.export(entity, id, format, locale));
    }

    static ResponseEntity<byte[]> download(AuditTrail.Export export) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.content());
    }
}

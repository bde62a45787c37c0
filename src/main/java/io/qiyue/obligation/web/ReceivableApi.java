package io.qiyue.obligation.web;

import io.qiyue.obligation.AgeingReport;
import io.qiyue.obligation.ContractReceivables;
import io.qiyue.obligation.Invoice;
import io.qiyue.obligation.Receipt;
import io.qiyue.obligation.Receivables;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Locale;

/** Receivables over the REST API (spec/api.md): receipts, invoices, the collection plan, the ageing report. */
@RestController
@RequestMapping("/api/v1")
class ReceivableApi {
    private final Receivables receivables;
    private final PerformanceListExports exports;

    ReceivableApi(Receivables receivables, PerformanceListExports exports) {
        this.receivables = receivables;
        this.exports = exports;
    }

    /** The contract's receivables as of {@code asOf} (default today, Asia/Shanghai). */
    @GetMapping("/contracts/{id}/receivables")
    ContractReceivables summary(@PathVariable String id, @RequestParam(required = false) String asOf) {
        return receivables.summary(id, Forms.date("asOf", asOf));
    }

    @GetMapping(path = "/contracts/{id}/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<Receipt> receipts(@PathVariable String id,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return PageResult.of(receivables.receipts(id), page, size);
    }

    /** The same list as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/receipts", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportReceipts(@PathVariable String id, @RequestHeader(HttpHeaders.ACCEPT) String accept,
                        HttpServletResponse response) {
        exports.receipts(id, ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/receipts", params = "format",
            produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportReceiptsAs(@PathVariable String id, @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        exports.receipts(id, chosen, response);
    }

    @PostMapping("/contracts/{id}/receipts")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Receipt> record(@PathVariable String id, @RequestBody Receivables.ReceiptInput body) {
        var receipt = receivables.record(id, body);
        return ResponseEntity.created(URI.create("/api/v1/receipts/" + receipt.id()))
                .eTag(Versions.etag(receipt.version())).body(receipt);
    }

    @GetMapping("/receipts/{receiptId}")
    ResponseEntity<Receipt> receipt(@PathVariable String receiptId) {
        var receipt = receivables.receipt(receiptId);
        return ResponseEntity.ok().eTag(Versions.etag(receipt.version())).body(receipt);
    }

    record ReverseRequest(String reason) {
    }

    /** Takes a receipt back with a reason (If-Match: the receipt's version). */
    @PostMapping("/receipts/{receiptId}/reverse")
    ResponseEntity<Receipt> reverse(@PathVariable String receiptId,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @RequestBody(required = false) ReverseRequest body) {
        int expected = Versions.expected(ifMatch);
        var receipt = receivables.reverse(receiptId, expected, body == null ? null : body.reason());
        return ResponseEntity.ok().eTag(Versions.etag(receipt.version())).body(receipt);
    }

    @GetMapping(path = "/contracts/{id}/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResult<Invoice> invoices(@PathVariable String id,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return PageResult.of(receivables.invoices(id), page, size);
    }

    /** The same list as XLSX or CSV (spec/api.md: a list asked for as a spreadsheet). */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/invoices", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportInvoices(@PathVariable String id, @RequestHeader(HttpHeaders.ACCEPT) String accept,
                        HttpServletResponse response) {
        exports.invoices(id, ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/contracts/{id}/invoices", params = "format",
            produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportInvoicesAs(@PathVariable String id, @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        exports.invoices(id, chosen, response);
    }

    @PostMapping("/contracts/{id}/invoices")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Invoice> issue(@PathVariable String id, @RequestBody Receivables.InvoiceInput body) {
        var invoice = receivables.issue(id, body);
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + invoice.id()))
                .eTag(Versions.etag(invoice.version())).body(invoice);
    }

    @GetMapping("/invoices/{invoiceId}")
    ResponseEntity<Invoice> invoice(@PathVariable String invoiceId) {
        var invoice = receivables.invoice(invoiceId);
        return ResponseEntity.ok().eTag(Versions.etag(invoice.version())).body(invoice);
    }

    /** Adds an instalment to the collection plan (FINANCE, ADMIN); never beyond the contract amount. */
    @PostMapping("/contracts/{id}/instalments")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<ContractReceivables.Instalment> addInstalment(@PathVariable String id,
                                                                 @RequestBody Receivables.InstalmentInput body) {
        var added = receivables.addInstalment(id, body);
        return ResponseEntity.created(URI.create("/api/v1/obligations/" + added.id()))
                .eTag(Versions.etag(added.version())).body(added);
    }

    /** Changes an open instalment (If-Match: the instalment's version from the receivables summary). */
    @PutMapping("/contracts/{id}/instalments/{obligationId}")
    ResponseEntity<ContractReceivables.Instalment> changeInstalment(
            @PathVariable String id, @PathVariable String obligationId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody Receivables.InstalmentInput body) {
        int expected = Versions.expected(ifMatch);
        var changed = receivables.changeInstalment(id, obligationId, expected, body);
        return ResponseEntity.ok().eTag(Versions.etag(changed.version())).body(changed);
    }

    /** {@code groupBy}: customer (default), owner or team; within the caller's read scope. */
    @GetMapping(path = "/receivables/ageing", produces = MediaType.APPLICATION_JSON_VALUE)
    AgeingReport ageing(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf) {
        return receivables.ageing(groupBy(groupBy), Forms.date("asOf", asOf));
    }

    /** The same report as XLSX or CSV: a row per group, then the totals. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/receivables/ageing", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportAgeing(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
                      @RequestHeader(HttpHeaders.ACCEPT) String accept, HttpServletResponse response) {
        exports.ageing(groupBy(groupBy), Forms.date("asOf", asOf), ListExport.Format.ofAccept(accept), response);
    }

    /** The export for links, which cannot set Accept: {@code format=xlsx|csv}. */
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    @GetMapping(path = "/receivables/ageing", params = "format", produces = {ListExport.XLSX_TYPE, ListExport.CSV_TYPE})
    void exportAgeingAs(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String asOf,
                        @RequestParam String format, HttpServletResponse response) {
        var chosen = ListExport.Format.ofParameter(format);
        exports.ageing(groupBy(groupBy), Forms.date("asOf", asOf), chosen, response);
    }

    static Receivables.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return Receivables.GroupBy.CUSTOMER;
        }
        try {
            return Receivables.GroupBy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("groupBy", "qiyue.receivable.group-by");
        }
    }
}

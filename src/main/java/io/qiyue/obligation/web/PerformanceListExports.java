package io.qiyue.obligation.web;

import io.qiyue.obligation.AgeingReport;
import io.qiyue.obligation.ConcernCase;
import io.qiyue.obligation.Dashboards;
import io.qiyue.obligation.Evaluations;
import io.qiyue.obligation.Invoice;
import io.qiyue.obligation.Obligation;
import io.qiyue.obligation.ObligationTitles;
import io.qiyue.obligation.Obligations;
import io.qiyue.obligation.Receipt;
import io.qiyue.obligation.Receivables;
import io.qiyue.shared.Money;
import io.qiyue.shared.web.ListExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lists of life after signing as files (spec/api.md: any list asked for as a spreadsheet): every row the JSON
 * list would page through, in its scope and order. Each list is read or checked before the file starts, so that a
 * bad filter or a contract out of reach is still a problem+json.
 */
@Component
class PerformanceListExports {
    private final Evaluations evaluations;
    private final Receivables receivables;
    private final Obligations obligations;
    private final Dashboards dashboards;
    private final MessageSource messages;
    private final Clock clock;
    private final ObligationTitles titles;

    PerformanceListExports(Evaluations evaluations, Receivables receivables, Obligations obligations,
                           Dashboards dashboards, MessageSource messages, Clock clock, ObligationTitles titles) {
        this.evaluations = evaluations;
        this.titles = titles;
        this.receivables = receivables;
        this.obligations = obligations;
        this.dashboards = dashboards;
        this.messages = messages;
        this.clock = clock;
    }

    void cases(String status, Boolean open, String category, String contractId, String owner, String sort,
               ListExport.Format format, HttpServletResponse response) {
        var rows = evaluations.allCases(status, open, category, contractId, owner, sort);
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("contract.number", "contract.title", "evaluation.case.category",
                "evaluation.case.description", "evaluation.case.owner", "evaluation.case.deadline",
                "evaluation.case.status", "evaluation.case.resolution", "common.createdAt");
        try (var export = ListExport.start(response, format, "cases", words.text("export.cases.file"),
                LocalDate.now(clock), words.text("dashboard.export.cases.sheet"), headers)) {
            rows.forEach(batch -> {
                for (ConcernCase c : batch) {
                    export.row(c.contractNumber(), c.contractTitle(), words.text("enum.CaseCategory." + c.category().name()),
                            c.description(), c.owner(), c.deadline(), words.text("enum.CaseStatus." + c.status().name()),
                            c.resolution(), words.time(c.createdAt()));
                }
            });
        }
    }

    /** The contract's receipts, reversed ones included (the reversal's time and reason say so). */
    void receipts(String contractId, ListExport.Format format, HttpServletResponse response) {
        var receipts = receivables.receipts(contractId);
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("receivables.receivedOn", "receivables.amount", "export.currency",
                "receivables.method", "receivables.reference", "field.receipt.note", "receivables.allocations",
                "export.receipt.reversedAt", "receivables.reverse.reason", "common.createdAt");
        try (var export = ListExport.start(response, format, "receipts", words.text("export.receipts.file"),
                LocalDate.now(clock), words.text("receivables.receipts"), headers)) {
            for (Receipt r : receipts) {
                export.row(r.receivedOn(), value(r.amount()), currency(r.amount()),
                        r.method() == null ? null : words.text("receivables.method." + r.method().name()),
                        r.reference(), r.note(), r.allocations().stream()
                                .map(paid -> titles.of(paid.title()) + " " + paid.amount().value().toPlainString())
                                .collect(Collectors.joining("; ")),
                        words.time(r.reversedAt()), r.reversalReason(), words.time(r.createdAt()));
            }
        }
    }

    /** The contract's invoices, each with the title of the instalment it bills (the list has only its id). */
    void invoices(String contractId, ListExport.Format format, HttpServletResponse response) {
        var invoices = receivables.invoices(contractId);
        var instalmentTitles = obligations.ofContract(contractId).stream()
                .collect(Collectors.toMap(Obligation::id, o -> titles.of(o.title())));
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("receivables.invoice.number", "receivables.invoice.issuedOn",
                "receivables.invoice.amount", "export.currency", "receivables.invoice.taxRate",
                "receivables.invoice.tax", "receivables.instalment", "field.invoice.note", "common.createdAt");
        try (var export = ListExport.start(response, format, "invoices", words.text("export.invoices.file"),
                LocalDate.now(clock), words.text("receivables.invoices"), headers)) {
            for (Invoice i : invoices) {
                export.row(i.number(), i.issuedOn(), value(i.amount()), currency(i.amount()), i.taxRatePercent(),
                        value(i.tax()), i.obligationId() == null ? null : instalmentTitles.get(i.obligationId()),
                        i.note(), words.time(i.createdAt()));
            }
        }
    }

    /** The contract's obligations in the list's order, with the columns of the obligation list's export. */
    void contractObligations(String contractId, ListExport.Format format, HttpServletResponse response) {
        var listed = obligations.ofContract(contractId);
        var words = ListExport.Wording.ofRequest(messages, clock);
        try (var export = ListExport.start(response, format, "contract-obligations",
                words.text("export.contractObligations.file"), LocalDate.now(clock),
                words.text("obligation.export.sheet"), dashboards.obligationColumns())) {
            dashboards.forEachObligationRow(listed, export::row);
        }
    }

    /** The ageing's groups as rows, then its totals, as the report answers them. */
    void ageing(Receivables.GroupBy groupBy, LocalDate asOf, ListExport.Format format, HttpServletResponse response) {
        var report = receivables.ageing(groupBy, asOf);
        var words = ListExport.Wording.ofRequest(messages, clock);
        var headers = words.texts("dashboard.export.ageing." + groupBy.name().toLowerCase(Locale.ROOT),
                "dashboard.ageing.notDue", "dashboard.ageing.days0To30", "dashboard.ageing.days31To60",
                "dashboard.ageing.days61To90", "dashboard.ageing.over90", "dashboard.ageing.overdue",
                "dashboard.ageing.total");
        try (var export = ListExport.start(response, format, "receivables-ageing", words.text("export.ageing.file"),
                LocalDate.now(clock), words.text("dashboard.export.ageing.sheet"), headers)) {
            for (var row : report.rows()) {
                ageingRow(export, row.label() == null ? row.key() : row.label(), row);
            }
            ageingRow(export, words.text("dashboard.ageing.totals"), report.totals());
        }
    }

    private static void ageingRow(ListExport export, String label, AgeingReport.Row row) {
        export.row(label, row.notDue().value(), row.days0To30().value(), row.days31To60().value(),
                row.days61To90().value(), row.over90().value(), row.overdue().value(), row.total().value());
    }

    private static Object value(Money money) {
        return money == null ? null : money.value();
    }

    private static String currency(Money money) {
        return money == null ? null : money.currency();
    }
}

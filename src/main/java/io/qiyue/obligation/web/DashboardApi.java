package io.qiyue.obligation.web;

import io.qiyue.obligation.Dashboards;
import io.qiyue.obligation.ObligationKind;
import io.qiyue.obligation.ObligationQuery;
import io.qiyue.obligation.ObligationSide;
import io.qiyue.obligation.ObligationStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;

/**
 * The dashboard's figures ({@code GET /dashboard?owner=&teamId=}) and its lists as XLSX
 * ({@code /dashboard/exports/obligations} with the obligation list's filters, {@code /dashboard/exports/ending}).
 */
@RestController
@RequestMapping("/api/v1")
class DashboardApi {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Dashboards dashboards;

    DashboardApi(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/dashboard")
    Dashboards.Dashboard dashboard(@RequestParam(required = false) String owner,
                                   @RequestParam(required = false) String teamId) {
        return dashboards.dashboard(owner, teamId);
    }

    @GetMapping("/dashboard/exports/obligations")
    void obligations(@RequestParam(required = false) Set<ObligationStatus> status,
                     @RequestParam(required = false) ObligationKind kind,
                     @RequestParam(required = false) ObligationSide side,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
                     @RequestParam(required = false) String owner, @RequestParam(required = false) String teamId,
                     HttpServletResponse response) throws IOException {
        attachment(response, "obligations.xlsx");
        dashboards.exportObligations(new ObligationQuery(status, kind, side, dueFrom, dueTo, null, null, null), owner,
                teamId, response.getOutputStream());
    }

    @GetMapping("/dashboard/exports/ageing")
    void ageing(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        var by = DashboardApi.groupBy(groupBy);
        DashboardApi.attachment(response, "ageing.xlsx");
        dashboards.exportAgeing(by, owner, teamId, response.getOutputStream());
    }

    @GetMapping("/dashboard/exports/cases")
    void cases(@RequestParam(required = false) boolean all, @RequestParam(required = false) String owner,
               @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        DashboardApi.attachment(response, "cases.xlsx");
        dashboards.exportCases(all, owner, teamId, response.getOutputStream());
    }

    @GetMapping("/dashboard/exports/ending")
    void ending(@RequestParam(required = false) Integer days, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        attachment(response, "ending.xlsx");
        dashboards.exportEnding(owner, teamId, days == null ? 90 : days, response.getOutputStream());
    }

    static io.qiyue.obligation.Receivables.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return io.qiyue.obligation.Receivables.GroupBy.CUSTOMER;
        }
        try {
            return io.qiyue.obligation.Receivables.GroupBy.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.qiyue.shared.InvalidInputException("groupBy", "qiyue.dashboard.group-by");
        }
    }

    static void attachment(HttpServletResponse response, String fileName) {
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}

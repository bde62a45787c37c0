package io.qiyue.obligation.web;

import io.qiyue.obligation.Dashboards;
import io.qiyue.obligation.ObligationKind;
import io.qiyue.obligation.ObligationQuery;
import io.qiyue.obligation.ObligationStatus;
import io.qiyue.security.UserAdministration;
import jakarta.servlet.http.HttpServletResponse;
import io.qiyue.shared.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Set;

/**
 * The performance dashboard page ({@code /performance}): the figures as ECharts charts (drawn by
 * {@code /js/dashboard.js} from the JSON the page carries) and links to the lists and their XLSX exports.
 */
@PageController
class DashboardPages {
    private final Dashboards dashboards;
    private final UserAdministration users;
    private final JsonMapper json;
    private final org.springframework.context.MessageSource messages;

    DashboardPages(Dashboards dashboards, UserAdministration users, JsonMapper json,
                   org.springframework.context.MessageSource messages) {
        this.dashboards = dashboards;
        this.users = users;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/performance")
    String page(@RequestParam(required = false) String owner, @RequestParam(required = false) String teamId,
                Model model) {
        var dashboard = dashboards.dashboard(owner, teamId);
        model.addAttribute("d", dashboard);
        model.addAttribute("data", scriptSafe(json.writeValueAsString(dashboard)));
        model.addAttribute("owner", owner == null ? "" : owner.strip());
        model.addAttribute("teamId", teamId == null ? "" : teamId.strip());
        model.addAttribute("teams", users.teams());
        model.addAttribute("labels", scriptSafe(json.writeValueAsString(labels())));
        return "obligations/dashboard";
    }

    /** JSON inside a script element: no "<" that could close it. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c");
    }

    /** The words the charts show, in the page's language. */
    private java.util.Map<String, String> labels() {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        var out = new java.util.LinkedHashMap<String, String>();
        for (var t : io.qiyue.contract.ContractType.values()) {
            out.put("type." + t.name(), messages.getMessage("enum.ContractType." + t.name(), null, t.name(), locale));
        }
        for (var s : io.qiyue.contract.ContractStatus.values()) {
            out.put("status." + s.name(), messages.getMessage("enum.ContractStatus." + s.name(), null, s.name(), locale));
        }
        for (var k : ObligationKind.values()) {
            out.put("kind." + k.name(), messages.getMessage("enum.ObligationKind." + k.name(), null, k.name(), locale));
        }
        for (var s : ObligationStatus.values()) {
            out.put("ostatus." + s.name(), messages.getMessage("enum.ObligationStatus." + s.name(), null, s.name(), locale));
        }
        for (String bucket : java.util.List.of("notDue", "days0To30", "days31To60", "days61To90", "over90")) {
            String key = "dashboard.ageing." + bucket;
            out.put("ageing." + bucket, messages.getMessage(key, null, key, locale));
        }
        for (String key : java.util.List.of("dashboard.chart.count", "dashboard.chart.amount", "dashboard.chart.collected",
                "dashboard.chart.rating")) {
            out.put(key, messages.getMessage(key, null, key, locale));
        }
        return out;
    }

    @GetMapping("/performance/exports/obligations")
    void obligations(@RequestParam(required = false) Set<ObligationStatus> status,
                     @RequestParam(required = false) ObligationKind kind,
                     @RequestParam(required = false) String owner, @RequestParam(required = false) String teamId,
                     HttpServletResponse response) throws IOException {
        DashboardApi.attachment(response, "obligations.xlsx");
        dashboards.exportObligations(new ObligationQuery(status, kind, null, null, null, null, null, null), owner,
                teamId, response.getOutputStream());
    }

    @GetMapping("/performance/exports/ageing")
    void ageing(@RequestParam(required = false) String groupBy, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        var by = DashboardApi.groupBy(groupBy);
        DashboardApi.attachment(response, "ageing.xlsx");
        dashboards.exportAgeing(by, owner, teamId, response.getOutputStream());
    }

    @GetMapping("/performance/exports/cases")
    void cases(@RequestParam(required = false) boolean all, @RequestParam(required = false) String owner,
               @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        DashboardApi.attachment(response, "cases.xlsx");
        dashboards.exportCases(all, owner, teamId, response.getOutputStream());
    }

    @GetMapping("/performance/exports/ending")
    void ending(@RequestParam(required = false) Integer days, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String teamId, HttpServletResponse response) throws IOException {
        DashboardApi.attachment(response, "ending.xlsx");
        dashboards.exportEnding(owner, teamId, days == null ? 90 : days, response.getOutputStream());
    }
}

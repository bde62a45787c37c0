package io.qiyue.contract.web;

import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;

/** The start page (工作台): contracts by type and the latest changes, within the user's data scope. */
@PageController
class DashboardPage {
    private final Contracts contracts;

    DashboardPage(Contracts contracts) {
        this.contracts = contracts;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        var counts = contracts.countByType();
        var byType = new LinkedHashMap<ContractType, Long>();
        for (var type : ContractType.values()) {
            byType.put(type, counts.getOrDefault(type.name(), 0L));
        }
        model.addAttribute("countsByType", byType);
        model.addAttribute("total", byType.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("recent", contracts.list(ContractQuery.ALL, 0, 10, "updatedAt,desc").items());
        return "dashboard";
    }
}

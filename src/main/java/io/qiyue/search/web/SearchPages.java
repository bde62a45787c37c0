package io.qiyue.search.web;

import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.search.Search;
import io.qiyue.search.SearchResult;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Text;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;

/**
 * The search results page with its filters, the header box's suggestions (an htmx fragment), and the admin page
 * that rebuilds the index with its progress.
 */
@PageController
class SearchPages {
    private final Search search;

    SearchPages(Search search) {
        this.search = search;
    }

    @GetMapping("/search")
    String results(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String type, @RequestParam(required = false) String status,
                   @RequestParam(required = false) String owner, @RequestParam(required = false) String team,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String amountMin, @RequestParam(required = false) String amountMax,
                   @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
                   HttpServletRequest request, Model model) {
        var criteria = new Search.Request(q, kind, type, status, owner, team, from, to, amountMin, amountMax, sort,
                number("page", page), null);
        model.addAttribute("criteria", criteria);
        model.addAttribute("result", Text.isBlank(q) ? null : search.search(criteria));
        model.addAttribute("types", Arrays.stream(ContractType.values()).map(Enum::name).toList());
        model.addAttribute("statuses", Arrays.stream(ContractStatus.values()).map(Enum::name).toList());
        model.addAttribute("links", PageLinks.of("/search", request));
        return "search/results";
    }

    @GetMapping("/search/suggestions")
    String suggestions(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("suggestions", search.suggest(q));
        return "search/suggestions :: suggestions";
    }

    @GetMapping("/admin/search")
    String admin(Model model) {
        model.addAttribute("progress", search.rebuildProgress());
        return "search/admin";
    }

    /** The progress panel alone, polled by the admin page while a rebuild runs. */
    @GetMapping("/admin/search/progress")
    String progress(Model model) {
        model.addAttribute("progress", search.rebuildProgress());
        return "search/admin :: progress";
    }

    /** Started from the page's button: htmx swaps in the progress panel; a plain form post returns to the page. */
    @PostMapping("/admin/search/rebuild")
    String rebuild(HttpServletRequest request, Model model) {
        model.addAttribute("progress", search.rebuild());
        return request.getHeader("HX-Request") != null ? "search/admin :: progress" : "redirect:/admin/search";
    }

    /** A whole number from a query parameter, refused like any invalid field otherwise. */
    static Integer number(String field, String value) {
        if (Text.isBlank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "qiyue.search.whole-number");
        }
    }
}

package io.qiyue.review.web;

import io.qiyue.review.ReviewPortfolio;
import io.qiyue.review.ReviewSettings;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /admin/reviews: the review settings with their latest changes (edited on {@link ReviewSettingPages}), and the
 * re-review of all contracts with its progress (the progress fragment polls while it runs).
 */
@PageController
class PortfolioPages {
    static final int HISTORY_SHOWN = 10;

    private final ReviewPortfolio portfolio;
    private final ReviewSettings settings;
    private final MessageSource messages;
    private final io.qiyue.review.AcceptancePolicies policies;

    PortfolioPages(ReviewPortfolio portfolio, ReviewSettings settings, MessageSource messages,
                   io.qiyue.review.AcceptancePolicies policies) {
        this.policies = policies;
        this.portfolio = portfolio;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/admin/reviews")
    String page(Model model) {
        var overview = settings.overview(LocaleContextHolder.getLocale());
        model.addAttribute("settings", overview);
        model.addAttribute("history", settings.history(0, HISTORY_SHOWN).items());
        // the history names each setting by its label, as the table above does, not by its parameter's code
        var labels = new java.util.HashMap<String, String>();
        overview.items().forEach(s -> labels.put(s.ruleId() + "." + s.parameter(), s.label()));
        model.addAttribute("settingLabels", labels);
        model.addAttribute("policies", policies.all());
        model.addAttribute("authorities", io.qiyue.review.AcceptanceAuthority.values());
        model.addAttribute("job", portfolio.latest().orElse(null));
        return "review/portfolio";
    }

    @GetMapping("/admin/reviews/progress")
    String progress(@RequestParam String job, Model model) {
        model.addAttribute("job", portfolio.job(job));
        return "review/portfolio :: progress";
    }

    @PostMapping("/admin/reviews")
    String start(@RequestHeader(value = "HX-Request", required = false) String htmx, RedirectAttributes redirect,
                 Model model) {
        try {
            portfolio.start();
        } catch (ConflictException running) {
            redirect.addFlashAttribute("error", messages.getMessage(running.code(), running.args().toArray(),
                    running.code(), LocaleContextHolder.getLocale()));
        }
        return "redirect:/admin/reviews";
    }
}

package io.qiyue.review.web;

import io.qiyue.review.ReviewSetting;
import io.qiyue.review.ReviewSettings;
import io.qiyue.review.SettingDefinition;
import io.qiyue.review.SettingKey;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.List;

/**
 * Changing one review setting (under {@code /admin}, so administrators only; the service checks again):
 * the form shows the bounds, errors beside the field, a stale version as a form-wide error with the value
 * typed kept; after a change, back to /admin/reviews with the offer to re-review every contract.
 */
@PageController
@RequestMapping("/admin/reviews/settings/{ruleId}/{parameter}")
class ReviewSettingPages {
    private final ReviewSettings settings;

    ReviewSettingPages(ReviewSettings settings) {
        this.settings = settings;
    }

    /** The form; the value stays text, so that what was typed comes back with its error. */
    static class SettingForm {
        public String value;
        public Integer version;
    }

    @InitBinder(Forms.FORM)
    void binder(WebDataBinder binder) {
        Forms.directFieldAccess(binder);
    }

    @GetMapping
    String edit(@PathVariable String ruleId, @PathVariable String parameter, Model model) {
        var setting = settings.get(new SettingKey(ruleId, parameter), LocaleContextHolder.getLocale());
        Forms.show(model, formOf(setting));
        return page(model, setting);
    }

    @PostMapping
    String save(@PathVariable String ruleId, @PathVariable String parameter,
                @ModelAttribute(Forms.FORM) SettingForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        var key = new SettingKey(ruleId, parameter);
        var locale = LocaleContextHolder.getLocale();
        var current = settings.get(key, locale);
        if (result.hasErrors()) {
            return page(model, current);
        }
        String typed = form.value == null ? "" : form.value.strip();
        BigDecimal value;
        try {
            value = typed.isEmpty() ? null : new BigDecimal(typed);
        } catch (NumberFormatException e) {
            Forms.reject(result, List.of(new FieldViolation(SettingDefinition.FIELD, "ui.number", typed)));
            return page(model, current);
        }
        int expected = form.version == null ? -1 : form.version;
        ReviewSetting saved;
        try {
            saved = settings.change(key, expected, value, locale);
        } catch (InvalidInputException e) {
            Forms.reject(result, e.violations());
            return page(model, current);
        } catch (PreconditionFailedException e) {
            Forms.reject(result, "ui.stale", e.args().toArray());
            form.version = current.version(); // saving again now overwrites, as the message says
            return page(model, current);
        }
        return changed(saved, expected, redirect);
    }

    @PostMapping("/reset")
    String reset(@PathVariable String ruleId, @PathVariable String parameter,
                 @RequestParam(required = false) Integer version, Model model, RedirectAttributes redirect) {
        var key = new SettingKey(ruleId, parameter);
        var locale = LocaleContextHolder.getLocale();
        int expected = version == null ? -1 : version;
        ReviewSetting saved;
        try {
            saved = settings.reset(key, expected, locale);
        } catch (PreconditionFailedException e) {
            var current = settings.get(key, locale);
            Forms.show(model, formOf(current));
            Forms.reject((BindingResult) model.getAttribute(BindingResult.MODEL_KEY_PREFIX + Forms.FORM),
                    "reviewSettings.staleReset", e.args().toArray());
            return page(model, current);
        }
        return changed(saved, expected, redirect);
    }

    /** Back to the overview; a real change offers the re-review, since stored reviews used the old value. */
    private static String changed(ReviewSetting saved, int expectedVersion, RedirectAttributes redirect) {
        if (saved.version() == expectedVersion) {
            redirect.addFlashAttribute("notice", "reviewSettings.unchanged");
        } else {
            redirect.addFlashAttribute("changedSetting", saved.label());
            redirect.addFlashAttribute("changedValue", SettingDefinition.plain(saved.value()));
            redirect.addFlashAttribute("changedRevision", saved.revision());
        }
        return "redirect:/admin/reviews";
    }

    private static SettingForm formOf(ReviewSetting setting) {
        var form = new SettingForm();
        form.value = SettingDefinition.plain(setting.value());
        form.version = setting.version();
        return form;
    }

    private static String page(Model model, ReviewSetting setting) {
        model.addAttribute("setting", setting);
        return "review/setting-form";
    }
}

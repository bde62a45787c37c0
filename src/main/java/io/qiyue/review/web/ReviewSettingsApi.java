package io.qiyue.review.web;

import io.qiyue.review.ReviewSetting;
import io.qiyue.review.ReviewSettings;
import io.qiyue.review.SettingChange;
import io.qiyue.review.SettingKey;
import io.qiyue.review.SettingsOverview;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/**
 * Review settings (admins): list them, change one with If-Match, reset one to the ruleset's default
 * (DELETE of the admin's value; the setting stays, answered with its default), and the history of changes.
 */
@RestController
@RequestMapping("/api/v1/reviews/settings")
class ReviewSettingsApi {
    private final ReviewSettings settings;

    ReviewSettingsApi(ReviewSettings settings) {
        this.settings = settings;
    }

    /** The new value: a JSON number or a decimal string ({@code 25}, {@code "25.5"}). */
    record SettingValue(BigDecimal value) {
    }

    @GetMapping
    SettingsOverview list() {
        return settings.overview(LocaleContextHolder.getLocale());
    }

    @GetMapping("/history")
    PageResult<SettingChange> history(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return settings.history(page, size);
    }

    @GetMapping("/{ruleId}/{parameter}")
    ResponseEntity<ReviewSetting> get(@PathVariable String ruleId, @PathVariable String parameter) {
        return withETag(settings.get(new SettingKey(ruleId, parameter), LocaleContextHolder.getLocale()));
    }

    @PutMapping("/{ruleId}/{parameter}")
    ResponseEntity<ReviewSetting> change(@PathVariable String ruleId, @PathVariable String parameter,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestBody SettingValue body) {
        return withETag(settings.change(new SettingKey(ruleId, parameter), Versions.expected(ifMatch), body.value(),
                LocaleContextHolder.getLocale()));
    }

    @DeleteMapping("/{ruleId}/{parameter}")
    ResponseEntity<ReviewSetting> reset(@PathVariable String ruleId, @PathVariable String parameter,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return withETag(settings.reset(new SettingKey(ruleId, parameter), Versions.expected(ifMatch),
                LocaleContextHolder.getLocale()));
    }

    private static ResponseEntity<ReviewSetting> withETag(ReviewSetting setting) {
        return ResponseEntity.ok().eTag(Versions.etag(setting.version())).body(setting);
    }
}

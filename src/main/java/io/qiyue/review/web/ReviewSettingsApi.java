package io.qiyue.review.web;

import io.qiyue.review.ReviewSetting;
import io.qiyue.review.ReviewSettings;
import io.qiyue.review.SettingChange;
import io.qiyue.review.SettingKey;
import io.qiyue.review.SettingsOverview;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
    private final JsonMapper json;
    private final Validator validator;

    ReviewSettingsApi(ReviewSettings settings, JsonMapper json, Validator validator) {
        this.settings = settings;
        this.json = json;
        this.validator = validator;
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

    /** The setting as GET answered it may come back with a new value: see {@link JsonInput#readUpdate}. */
    @PutMapping("/{ruleId}/{parameter}")
    ResponseEntity<ReviewSetting> change(@PathVariable String ruleId, @PathVariable String parameter,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SettingValue.class))) @RequestBody JsonNode body) {
        var key = new SettingKey(ruleId, parameter);
        var locale = LocaleContextHolder.getLocale();
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, settings.get(key, locale), SettingValue.class);
        return withETag(settings.change(key, expected, input.value(), locale));
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

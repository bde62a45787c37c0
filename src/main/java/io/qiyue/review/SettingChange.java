package io.qiyue.review;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change of a review setting, numbered by the settings revision it created. {@code before} and
 * {@code after} are the stored values, null meaning the ruleset's default: with the ruleset version, the
 * changes up to a revision tell exactly which settings a review of that revision ran with.
 */
public record SettingChange(int revision, String ruleId, String parameter,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal before,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal after,
                            String changedBy, Instant changedAt) {
}

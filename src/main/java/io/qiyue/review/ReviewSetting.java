package io.qiyue.review;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A review setting as admins see it, in their language: what it is, its bounds and default, the value
 * reviews now run with, and who last changed it. Numbers are decimal strings, like every percentage of the
 * API. {@code version} is the ETag of the setting (0 until first changed).
 *
 * @param overridden whether an admin's value replaces the default (false after a reset)
 * @param revision   the settings revision of its last change (null until first changed)
 */
public record ReviewSetting(String ruleId, String parameter, String label, String description,
                            SettingDefinition.Type type,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal min,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal max,
                            int fractionDigits,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal defaultValue,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
                            boolean overridden, int version, Integer revision, String updatedBy,
                            Instant updatedAt) {

    public SettingKey key() {
        return new SettingKey(ruleId, parameter);
    }
}

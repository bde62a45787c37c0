package io.qiyue.review;

import java.util.List;

/**
 * Every review setting with the ruleset version and the settings revision that a review started now
 * would record.
 */
public record SettingsOverview(String rulesetVersion, int revision, List<ReviewSetting> items)
        implements io.qiyue.shared.Listing {
}

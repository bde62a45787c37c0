package io.qiyue.review;

/**
 * Names one review setting: a parameter of a rule that the ruleset declares as a setting. Written
 * {@code QY-V001.thresholdPercent} in the audit trail and in log lines.
 */
public record SettingKey(String ruleId, String parameter) {

    @Override
    public String toString() {
        return ruleId + "." + parameter;
    }
}

package io.qiyue.review;

import java.util.List;

/** The result of a review, localised: findings in a stable order (rule id, path, span) and their counts. */
public record Review(String rulesetVersion, Integer settingsRevision, List<Finding> findings, int blockers,
                     int warnings, int infos, List<RuleError> errors) {
}

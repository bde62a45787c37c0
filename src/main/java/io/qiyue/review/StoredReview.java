package io.qiyue.review;

import java.time.Instant;
import java.util.List;

/** The last review of a contract, localised: which version it reviewed, with which ruleset, by whom and when. */
public record StoredReview(String contractId, int contractVersion, String rulesetVersion, List<Finding> findings,
                           int blockers, int warnings, int infos, List<RuleError> errors, Instant reviewedAt,
                           String reviewedBy) {
}

package io.qiyue.review;

import java.time.Instant;
import java.util.List;

/**
 * The last review of a contract, localised: which version it reviewed, with which ruleset and settings
 * revision (null when reviewed before revisions were recorded), by whom and when. {@code blocking} counts the
 * findings that stop a submission (blockers, and warnings not accepted).
 */
public record StoredReview(String contractId, int contractVersion, String rulesetVersion, Integer settingsRevision,
                           List<Finding> findings,
                           int blockers, int warnings, int infos, int blocking, List<RuleError> errors,
                           Instant reviewedAt, String reviewedBy) {
}

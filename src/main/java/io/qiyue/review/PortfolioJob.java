package io.qiyue.review;

import java.time.Instant;
import java.util.List;

/**
 * A portfolio re-review: progress, and the contracts whose findings changed against their previous stored
 * review ({@code changes}, at most the first {@link ReviewPortfolio#MAX_CHANGES_SHOWN}).
 * {@code firstReviews} counts the contracts that had no stored review to compare with.
 *
 * @param status RUNNING, DONE or FAILED
 * @param settingsRevision the settings every contract of the run was reviewed with (null for runs made before
 *                         revisions were recorded)
 */
public record PortfolioJob(String id, String status, String rulesetVersion, Integer settingsRevision, int total,
                           int done, int changed, int firstReviews,
                           String error, String startedBy, Instant startedAt, Instant finishedAt,
                           List<Change> changes) {

    /** Percent done, 0–100. */
    public int percent() {
        return total == 0 ? (done == 0 && !"RUNNING".equals(status) ? 100 : 0) : Math.min(100, done * 100 / total);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }

    /** One contract whose findings changed: what it gained and what it lost (rule, severity, path). */
    public record Change(String contractId, String contractNumber, List<Item> gained, List<Item> lost) {
    }

    public record Item(String ruleId, String severity, String path) {
    }
}

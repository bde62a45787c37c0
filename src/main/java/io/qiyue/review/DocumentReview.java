package io.qiyue.review;

import java.time.Instant;
import java.util.List;

/**
 * The last review of an uploaded counterparty document (an {@code EXTERNAL} version), localised. Findings
 * lie in the document's text ({@link DocumentText}: path and span {@code /versions/{n}/paragraphs/{i}}).
 * They are advice for the negotiation: they never block the submission of the contract, so
 * {@code blocking} is always 0, no finding is {@code fixable} (the paper is not ours to edit) and none can
 * be accepted.
 *
 * @param version         the document's version number (from 1000000001)
 * @param label           how the UI names it: E1, E2, … in the order of upload
 * @param sha256          the SHA-256 of the reviewed text (that of the version)
 * @param contractVersion the version of the contract whose record (dates, amounts, party names) the text
 *                        was checked against: the current one when the review ran
 */
public record DocumentReview(String contractId, int version, String label, String fileName, String sha256,
                             int contractVersion, String rulesetVersion, Integer settingsRevision,
                             List<Finding> findings, int blockers,
                             int warnings, int infos, int blocking, List<RuleError> errors, Instant reviewedAt,
                             String reviewedBy) {
}

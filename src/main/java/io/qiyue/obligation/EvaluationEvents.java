package io.qiyue.obligation;

import java.time.Instant;

/** The events of supervision and evaluation, published in the transaction of what caused them. */
public final class EvaluationEvents {
    private EvaluationEvents() {
    }

    /**
     * A link was made for the customer's contact, to be e-mailed to {@code contactEmail} (null: handed over by the
     * owner). {@code path}: {@code /c/<token>} (with the month's report, {@code ?month=}); {@code subject}: the
     * obligation's title for a confirmation, the month for a report.
     */
    public record LinkIssued(String linkId, String contractId, String contractNumber, String contractTitle,
                             EvaluationPurpose purpose, String contactName, String contactEmail, String path,
                             Instant expiresAt, String subject, boolean report, Instant at) {
    }

    /**
     * The customer answered; {@code low}: a rating of 2 or less, overall or of an aspect, which the owner and their
     * manager are told of. {@code serviceQuality}, {@code confidentiality}, {@code sharingAsAgreed}: the aspects asked
     * (null: not asked).
     */
    public record Received(String evaluationId, String contractId, String contractNumber, String contractTitle,
                           String contractOwner, int rating, Integer serviceQuality, Integer confidentiality,
                           Integer sharingAsAgreed, String comment, boolean low, Instant at) {
    }

    /** A case was opened (by the customer or by a user), to be told to its owner and their manager. */
    public record CaseOpened(String caseId, String contractId, String contractNumber, String contractTitle,
                             String owner, CaseCategory category, String description, String actor, Instant at) {
    }
}

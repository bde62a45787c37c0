package io.qiyue.obligation;

import java.time.Instant;

/**
 * One answer of the customer. For a confirmation: {@code obligationId}, whether the customer confirms it was
 * done, and the rating; for a periodic evaluation: the overall rating and the aspects that fit the contract's
 * type (null where they do not apply).
 */
public record Evaluation(String id, String contractId, String contractNumber, String contractType,
                         String contractOwner, String customerId, EvaluationPurpose purpose, String obligationId,
                         String obligationTitle, Boolean confirmed, int rating, Integer serviceQuality,
                         Integer confidentiality, Integer sharingAsAgreed, String comment, String contactName,
                         Instant submittedAt) {
}

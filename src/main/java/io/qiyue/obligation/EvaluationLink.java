package io.qiyue.obligation;

import java.time.Instant;

/** A customer's link as our users see it (never its token, which is shown once when it is made). */
public record EvaluationLink(String id, String contractId, EvaluationPurpose purpose, String obligationId,
                             String contactId, String contactName, Instant createdAt, String createdBy,
                             Instant expiresAt, Instant usedAt, Instant revokedAt, Status status) {

    public enum Status { ACTIVE, USED, EXPIRED, REVOKED }
}

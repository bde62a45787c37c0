package io.qiyue.obligation;

import java.time.Instant;
import java.time.LocalDate;

/** A customer's concern as a tracked case (owner, deadline, status and resolution), visible to legal. */
public record ConcernCase(String id, String contractId, String contractNumber, String contractTitle,
                          String contractType, String contractOwner, String customerId, CaseSource source,
                          String evaluationId, String obligationId, CaseCategory category, String description,
                          String reportedBy, String owner, LocalDate deadline, CaseStatus status, String resolution,
                          Instant createdAt, Instant updatedAt, String updatedBy, Instant closedAt, int version) {
}

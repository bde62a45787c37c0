package io.qiyue.approval;

import java.time.Instant;
import java.util.List;

/**
 * Something happened in an approval that people should hear of. {@code recipients} are usernames: the assignees for
 * REQUESTED, REMINDER, OVERDUE, ESCALATED, DELEGATED (转办) and
 * APPROVER_ADDED (加签); the contract's owner and submitter for APPROVED, REJECTED
 * and RETURNED. {@code taskId} and {@code stepName} are null for the outcome of a whole flow. {@code toStep} is the
 * label of the step a RETURNED flow went back to (null for every other kind).
 */
public record ApprovalEvent(Kind kind, String contractId, String contractNumber, String contractTitle, String taskId,
                            String stepName, List<String> recipients, String actor, String comment, Instant at,
                            String toStep) {
    public enum Kind {
        REQUESTED, APPROVED, REJECTED, RETURNED, DELEGATED, APPROVER_ADDED, REMINDER, OVERDUE, ESCALATED,
        /** The submitter withdrew the contract: the open requests ended (told to their approvers). */
        WITHDRAWN
    }

    public ApprovalEvent {
        recipients = List.copyOf(recipients);
    }

    /** An event that went back to no step: every kind but RETURNED. */
    public ApprovalEvent(Kind kind, String contractId, String contractNumber, String contractTitle, String taskId,
                         String stepName, List<String> recipients, String actor, String comment, Instant at) {
        this(kind, contractId, contractNumber, contractTitle, taskId, stepName, recipients, actor, comment, at, null);
    }
}

package io.qiyue.approval;

import java.time.Instant;

/** An open task in an inbox. */
public record ApprovalTask(String id, String contractId, String contractNumber, String title, String step,
                           StepKind stepKind, String assignee, Instant createdAt, Instant dueAt) {
}

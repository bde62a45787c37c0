package io.qiyue.approval;

import java.time.Instant;
import java.util.List;

/** A contract's approval history: every run of a flow, newest first, step by step with who decided what and when. */
public record ApprovalHistory(String contractId, List<Run> runs) {
    public record Run(String id, String flowName, RunStatus status, String submitter, Instant startedAt,
                      Instant endedAt, List<Step> steps) {
    }

    public record Step(int index, String name, StepKind kind, StepMode mode, boolean applies, String note,
                       List<Entry> entries) {
    }

    /**
     * One person's part: OPEN (waiting for them), DECIDED (with the decision), or CLOSED without their decision
     * (another approver of an any-of step decided, the flow was withdrawn or rejected). {@code secondsTaken}: from
     * the task's creation to the decision.
     */
    public record Entry(String taskId, String assignee, String origin, String status, Decision.Kind decision,
                        Decision.Position position, String target, String comment, String note, Instant createdAt,
                        Instant dueAt, Instant decidedAt, Long secondsTaken, int round) {
    }
}

package io.qiyue.approval;

/**
 * A decision on a task. {@code toStep}: the name of an earlier step (RETURN); {@code toUserId}: the user a task is
 * transferred to or who is added (TRANSFER, ADD_APPROVER); {@code position}: added BEFORE oneself (they decide
 * first, then the task comes back) or AFTER (one approves, then they must approve too).
 */
public record Decision(Kind decision, String comment, String toStep, String toUserId, Position position) {
    public enum Kind { APPROVE, REJECT, RETURN, TRANSFER, ADD_APPROVER }

    public enum Position { BEFORE, AFTER }
}

package io.qiyue.approval;

import java.util.List;

/** One step of a flow as admins edit it. {@code timeLimitHours} null: no time limit. */
public record FlowStep(String name, StepKind kind, StepMode mode, List<Approver> approvers, StepCondition condition,
                       Integer timeLimitHours) {
}

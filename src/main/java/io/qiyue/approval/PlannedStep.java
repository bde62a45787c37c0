package io.qiyue.approval;

import java.util.List;

/**
 * A step as resolved when a run starts: whether its condition held, who approves, and why they do when the
 * configured approvers could not be found ({@code note}, e.g. the owner has no team manager, so admins approve).
 */
record PlannedStep(String name, StepKind kind, StepMode mode, Integer timeLimitHours, boolean applies,
                   List<String> approvers, String note) {
}

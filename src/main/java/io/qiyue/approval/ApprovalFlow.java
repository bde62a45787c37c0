package io.qiyue.approval;

import java.time.Instant;
import java.util.List;

/**
 * A flow: which applies to a submitted contract is the enabled flow with the lowest {@code priority} (then the
 * oldest). {@code definitionVersion} is the engine's version of the process deployed for the flow's current
 * version; a change deploys a new one, and flows already running keep the one they started with.
 */
public record ApprovalFlow(String id, String name, boolean enabled, int priority, boolean resubmitToRejectingStep,
                           boolean skipRepeatedApprover, List<FlowStep> steps, Integer definitionVersion, int version,
                           Instant createdAt, Instant updatedAt) {
}

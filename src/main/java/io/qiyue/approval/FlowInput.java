package io.qiyue.approval;

import java.util.List;

/** A flow as sent by an admin (POST and PUT). {@code priority}: the lowest enabled one applies; 100 when not given. */
public record FlowInput(String name, Boolean enabled, Integer priority, Boolean resubmitToRejectingStep,
                        Boolean skipRepeatedApprover, List<FlowStep> steps) {
}

package io.qiyue.approval;

import java.time.Instant;
import java.util.List;

/**
 * Approval tasks that are no longer open (decided, or closed with their step or run): what asked their approvers to
 * act is done with. The notification module marks its requests for them read.
 */
public record ApprovalTasksEnded(List<String> taskIds, Instant at) {
    public ApprovalTasksEnded {
        taskIds = List.copyOf(taskIds);
    }
}

package io.qiyue.notification;

import io.qiyue.approval.ApprovalEvent;
import io.qiyue.approval.ApprovalTasksEnded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Tells approvers what waits for them and owners and submitters how their approval went, after commit. */
@Component
class ApprovalEventListener {
    private final Dispatcher dispatcher;
    private final Notifications notifications;

    ApprovalEventListener(Dispatcher dispatcher, Notifications notifications) {
        this.dispatcher = dispatcher;
        this.notifications = notifications;
    }

    /** A task decided or closed: what asked its approver to act is done with (an outside tester found them unread). */
    @ApplicationModuleListener
    void on(ApprovalTasksEnded ended) {
        notifications.tasksEnded(ended.taskIds(), ended.at());
    }

    @ApplicationModuleListener
    void on(ApprovalEvent e) {
        EventKind kind = switch (e.kind()) {
            // a reminder before the time limit is the same request again: "待您审批" with the reminder's note
            case REQUESTED, REMINDER -> EventKind.APPROVAL_REQUESTED;
            case APPROVED -> EventKind.APPROVED;
            case REJECTED -> EventKind.REJECTED;
            case RETURNED -> EventKind.RETURNED;
            case DELEGATED -> EventKind.DELEGATED;
            case APPROVER_ADDED -> EventKind.APPROVER_ADDED;
            case OVERDUE -> EventKind.STEP_OVERDUE;
            case ESCALATED -> EventKind.ESCALATED;
            case WITHDRAWN -> EventKind.APPROVAL_WITHDRAWN;
        };
        // a return names the step it went back to (outside tester: "驳回到之前的审批节点" said not which); the
        // approver's comment is the note below the body, as for every decision
        boolean toStep = kind == EventKind.RETURNED && e.toStep() != null && !e.toStep().isBlank();
        dispatcher.dispatch(new Occurrence(kind, e.contractId(), e.contractNumber(), e.contractTitle(), e.recipients(),
                e.actor(), e.comment(), e.taskId(), e.at(), toStep ? List.of(e.toStep()) : List.of(),
                toStep ? "step" : null));
    }
}

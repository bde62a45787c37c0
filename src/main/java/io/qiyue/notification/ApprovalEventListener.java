package io.qiyue.notification;

import io.qiyue.approval.ApprovalEvent;
import io.qiyue.approval.ApprovalTasksEnded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

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
        dispatcher.dispatch(new Occurrence(kind, e.contractId(), e.contractNumber(), e.contractTitle(), e.recipients(),
                e.actor(), e.comment(), e.taskId(), e.at()));
    }
}

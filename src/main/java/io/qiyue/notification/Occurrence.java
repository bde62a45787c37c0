package io.qiyue.notification;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened, as every channel needs it, whichever module's event it came from.
 * {@code detail} is the reason, comment or summary the event carried (may be null); {@code taskId} links an
 * approver to the task (may be null).
 */
record Occurrence(EventKind kind, String contractId, String number, String title, List<String> recipients,
                  String actor, String detail, String taskId, Instant at) {
}

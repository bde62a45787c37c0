package io.qiyue.notification;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened, as every channel needs it, whichever module's event it came from.
 * {@code detail} is the reason, comment or summary the event carried (may be null); {@code taskId} links an
 * approver to the task (may be null). {@code more} are the wording's arguments after the detail ({4} on: the step a
 * flow was returned to, the customer of a contract); {@code variant} names the body's wording of the kind that uses
 * them (see {@link Wording}), null for the kind's plain body.
 */
record Occurrence(EventKind kind, String contractId, String number, String title, List<String> recipients,
                  String actor, String detail, String taskId, Instant at, List<String> more, String variant) {

    Occurrence {
        more = more == null ? List.of() : more.stream().map(m -> m == null ? "" : m).toList();
    }

    /** An occurrence worded by its kind's plain body, with no arguments beyond the detail. */
    Occurrence(EventKind kind, String contractId, String number, String title, List<String> recipients,
               String actor, String detail, String taskId, Instant at) {
        this(kind, contractId, number, title, recipients, actor, detail, taskId, at, List.of(), null);
    }
}

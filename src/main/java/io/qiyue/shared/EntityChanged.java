package io.qiyue.shared;

import java.time.Instant;
import java.util.List;

/**
 * Published by every module when it creates, updates or deletes something an auditor cares about.
 * Changes carry already-masked values: personal information never reaches the audit trail in clear.
 */
public record EntityChanged(String entityType, String entityId, Action action, String actor, Instant at,
                            List<Change> changes) {

    public enum Action { CREATE, UPDATE, DELETE }

    public record Change(String field, String before, String after) {
    }
}

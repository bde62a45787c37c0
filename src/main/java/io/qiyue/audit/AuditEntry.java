package io.qiyue.audit;

import io.qiyue.shared.EntityChanged;

import java.time.Instant;
import java.util.List;

public record AuditEntry(String id, Instant occurredAt, String actor, String entityType, String entityId,
                         EntityChanged.Action action, List<EntityChanged.Change> changes) {
}

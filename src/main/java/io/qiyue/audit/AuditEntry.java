package io.qiyue.audit;

import io.qiyue.shared.EntityChanged;

import java.time.Instant;
import java.util.List;

/**
 * One audit entry: who changed what, when, from where, and its place in the hash chain ({@code seq},
 * {@code prevHash}, {@code entryHash}). {@code ip} and {@code userAgent} are null for changes made outside
 * an HTTP request (scheduled jobs, asynchronous listeners) and for entries written before they were recorded.
 */
public record AuditEntry(String id, Instant occurredAt, String actor, String entityType, String entityId,
                         EntityChanged.Action action, List<EntityChanged.Change> changes,
                         Long seq, String ip, String userAgent, String prevHash, String entryHash) {
}

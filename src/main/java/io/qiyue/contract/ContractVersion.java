package io.qiyue.contract;

import java.time.Instant;

/** An immutable snapshot of a saved contract: what was saved, by whom, and its SHA-256. */
public record ContractVersion(int version, String kind, Instant createdAt, String createdBy, String sha256) {
    public static final String SAVED = "SAVED";
}

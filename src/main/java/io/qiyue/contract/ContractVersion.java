package io.qiyue.contract;

import java.time.Instant;

/**
 * One entry of a contract's version history: a saved change ({@code SAVED}: what was saved, by whom,
 * and the SHA-256 of the saved content) or, from {@link ExternalVersions}, an uploaded paper
 * ({@code EXTERNAL}: the SHA-256 of its extracted text) or a counterparty's proposal made through a share link
 * ({@code COUNTERPARTY}: the SHA-256 of the document with the proposed wording). Each says what made it
 * ({@code cause}) and may carry its author's change note ({@code note}, with the {@code noteRevision} its
 * ETag is made of; 0 before any note).
 *
 * @param createdByName the display name of {@code createdBy}, for people (the username when unknown)
 */
public record ContractVersion(int version, String kind, VersionCause cause, Instant createdAt, String createdBy,
                              String createdByName, String sha256, String note, int noteRevision) {
    public static final String SAVED = "SAVED";
    public static final String EXTERNAL = "EXTERNAL";
    public static final String COUNTERPARTY = "COUNTERPARTY";

    /** A version as its keeper stores it, before notes and names are added. */
    public static ContractVersion of(int version, String kind, VersionCause cause, Instant createdAt, String createdBy,
                                     String sha256) {
        return new ContractVersion(version, kind, cause, createdAt, createdBy, createdBy, sha256, null, 0);
    }

    ContractVersion with(String createdByName, String note, int noteRevision) {
        return new ContractVersion(version, kind, cause, createdAt, createdBy, createdByName, sha256, note, noteRevision);
    }
}

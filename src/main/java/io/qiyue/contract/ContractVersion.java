package io.qiyue.contract;

import java.time.Instant;

/**
 * One entry of a contract's version history: a saved change ({@code SAVED}: what was saved, by whom,
 * and the SHA-256 of the saved content) or, from {@link ExternalVersions}, an uploaded paper
 * ({@code EXTERNAL}: the SHA-256 of its extracted text) or a counterparty's proposal made through a share link
 * ({@code COUNTERPARTY}: the SHA-256 of the document with the proposed wording).
 */
public record ContractVersion(int version, String kind, Instant createdAt, String createdBy, String sha256) {
    public static final String SAVED = "SAVED";
    public static final String EXTERNAL = "EXTERNAL";
    public static final String COUNTERPARTY = "COUNTERPARTY";
}

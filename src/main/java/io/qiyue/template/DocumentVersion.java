package io.qiyue.template;

import java.time.Instant;

/**
 * One document version of a contract, in the numbering of the contract's version history
 * ({@link io.qiyue.contract.ExternalVersions}): {@code SAVED} version n is the rendered text of saved
 * contract version n ({@code contractVersion} = n, rendered with {@code templateId} at
 * {@code templateVersion}); {@code EXTERNAL} versions, numbered from 1000000001, are text extracted from
 * an uploaded file; {@code COUNTERPARTY} versions, in the same range, are the document with the wording the
 * customer proposed through a share link (the {@code negotiation} module).
 */
public record DocumentVersion(int version, String kind, Integer contractVersion, String templateId,
                              Integer templateVersion, String fileName, String sha256, Instant createdAt,
                              String createdBy) {
    public static final String SAVED = "SAVED";
    public static final String EXTERNAL = "EXTERNAL";
    public static final String COUNTERPARTY = "COUNTERPARTY";
}

package io.qiyue.template;

import java.time.Instant;

/**
 * One document version of a contract, numbered in this module: {@code SAVED} rows are the rendered
 * text of a saved contract version ({@code contractVersion}, rendered with {@code templateId} at
 * {@code templateVersion}); {@code EXTERNAL} rows are text extracted from an uploaded file. A SAVED row
 * takes the contract's version number unless an upload has already used it.
 */
public record DocumentVersion(int version, String kind, Integer contractVersion, String templateId,
                              Integer templateVersion, String fileName, String sha256, Instant createdAt,
                              String createdBy) {
    public static final String SAVED = "SAVED";
    public static final String EXTERNAL = "EXTERNAL";
}

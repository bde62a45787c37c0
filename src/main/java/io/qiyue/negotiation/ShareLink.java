package io.qiyue.negotiation;

import java.time.Instant;
import java.util.List;

/**
 * A no-account link to one contract's draft, for one of the customer's contacts (or anyone the owner gives it
 * to, when no contact is named). The token itself is shown once, when the link is made; only its SHA-256 is
 * kept. {@code uses}: every request made with it, newest first.
 */
public record ShareLink(String id, String contractId, String contactId, String contactName, Instant createdAt,
                        String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy, Status status,
                        List<Use> uses) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    /** What was done with a link, when, and from which address. */
    public enum UseAction { VIEW, COMMENT, PROPOSE }

    public record Use(Instant at, UseAction action, String ip) {
    }
}

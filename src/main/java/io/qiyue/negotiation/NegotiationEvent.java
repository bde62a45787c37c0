package io.qiyue.negotiation;

import java.time.Instant;

/**
 * Something the customer did on a share link that the contract's owner should hear of: a comment, or a
 * proposal of new wording. Published in the transaction that stored it.
 */
public record NegotiationEvent(Kind kind, String contractId, String contractNumber, String contractTitle,
                               String owner, String contactName, String summary, Instant at) {

    public enum Kind { COMMENTED, PROPOSAL_RECEIVED }
}

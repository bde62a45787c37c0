package io.qiyue.negotiation;

import java.time.Instant;
import java.util.List;

/**
 * What the customer's contact sees through a share link, and nothing more: the contract's number and title,
 * its document as stored for the current version, the clauses they may comment on and propose wording for,
 * and what was said and proposed through this link. {@code open}: the contract is still a draft.
 */
public record CounterpartyView(String number, String title, boolean open, Instant expiresAt, String document,
                               List<NegotiableClause> clauses, List<Negotiation.CommentThread> comments,
                               List<Negotiation.Proposal> proposals) {
}

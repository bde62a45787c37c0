package io.qiyue.negotiation;

import io.qiyue.contract.ContractStatus;

import java.time.Instant;
import java.util.List;

/**
 * What the customer's contact sees through a share link, and nothing more: the contract's number and title,
 * its document as stored for the current version, the clauses they may comment on and propose wording for,
 * and what was said and proposed through this link. {@code open}: the contract is still a draft ({@code status}, for the heading of the document shown).
 * Clauses are labelled as the document names the parties (甲方 the customer, 乙方 the provider), never with
 * 我方, which would mean the customer to the customer.
 */
public record CounterpartyView(String number, String title, ContractStatus status, boolean open, Instant expiresAt, String document,
                               List<NegotiableClause> clauses, List<Negotiation.CommentThread> comments,
                               List<Negotiation.Proposal> proposals) {
}

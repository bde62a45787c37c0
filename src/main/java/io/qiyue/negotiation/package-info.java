/**
 * Negotiation with the customer (双方协商): a contract's owner shares the draft through an expiring, revocable
 * no-account link, the customer's contact comments on clauses and proposes new wording, and each proposal
 * becomes a {@code COUNTERPARTY} version that the owner accepts or rejects clause by clause.
 * Exposes {@link io.qiyue.negotiation.ShareLinks}, {@link io.qiyue.negotiation.Negotiations} and the
 * {@link io.qiyue.negotiation.NegotiationEvent} it publishes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Negotiation")
package io.qiyue.negotiation;

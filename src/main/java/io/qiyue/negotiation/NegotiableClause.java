package io.qiyue.negotiation;

/**
 * One clause of a contract's terms that the customer may comment on and propose new wording for: a text of
 * the terms, named by its JSON pointer in the contract ({@code /terms/breach/description},
 * {@code /terms/termination/conditions/0}), labelled as the redline labels it, with the longest wording the
 * contract accepts there.
 */
public record NegotiableClause(String key, String label, String text, int maxLength) {
}

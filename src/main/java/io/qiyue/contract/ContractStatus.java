package io.qiyue.contract;

/** The lifecycle of spec/domain.md; this release edits DRAFT contracts and moves them into and out of approval. */
public enum ContractStatus {
    DRAFT, IN_APPROVAL, APPROVED, SIGNING, SIGNED, ACTIVE, EXPIRED, TERMINATED, RENEWED;

    public boolean editable() {
        return this == DRAFT;
    }

    /**
     * Entering approval or signing needs a review without blocking findings (review-rules.md). Signing asks
     * again although approval already did: the ruleset, its settings or a party's record may change between
     * the two.
     */
    public boolean needsCleanReview() {
        return this == IN_APPROVAL || this == SIGNING || this == SIGNED;
    }
}

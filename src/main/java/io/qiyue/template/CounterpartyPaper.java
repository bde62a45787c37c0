package io.qiyue.template;

/**
 * Published inside the transaction that keeps or removes the counterparty's paper (an uploaded DOCX or PDF, a
 * version of kind EXTERNAL), so that what other modules derive from it (its review) commits with it.
 */
public sealed interface CounterpartyPaper {
    String contractId();

    int version();

    /** A paper was uploaded by someone who may change the contract: review it now, in one step with the upload. */
    record Uploaded(String contractId, int version) implements CounterpartyPaper {
    }

    /** A paper was deleted: whatever refers to it goes with it. */
    record Deleted(String contractId, int version) implements CounterpartyPaper {
    }
}

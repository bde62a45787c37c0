package io.qiyue.contract;

/**
 * Published inside the transaction of every saved change of a contract (creation included), after
 * its version row is written. Listeners that keep derived data per version (rendered documents,
 * reviews) listen synchronously so that the version and its derived data commit together.
 */
public record ContractSaved(Contract contract, String actor) {
}

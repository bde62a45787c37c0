package io.qiyue.contract;

/**
 * Published inside the transaction of every saved change of a contract (creation included), after
 * its version row is written. Listeners that keep derived data per version (rendered documents,
 * reviews) listen synchronously so that the version and its derived data commit together.
 *
 * @param moveOnly a lifecycle move: only the status (and the version number) differ from the previous
 *                 version, so whatever was derived from that version's content holds for this one
 */
public record ContractSaved(Contract contract, String actor, boolean moveOnly) {
}

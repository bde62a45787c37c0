package io.qiyue.contract;

import java.util.List;

/**
 * A file's legacy contracts entered together through the transition table's {@link ContractAction#IMPORT} entry
 * ({@link Contracts#importLegacyAll}), published in the import's transaction after their version rows are written.
 * It stands for what {@link Contracts#importLegacy} publishes per contract — a {@link ContractSaved} of version 1
 * and, for those signed or later, a {@link ContractTransitioned} with {@link ContractAction#IMPORT} — so that the
 * listeners that keep derived data per version (documents, reviews) and those that follow signing (obligations)
 * do for the whole list with a few statements what they do for one contract. Listeners are synchronous: the
 * derived data commits with the contracts or not at all.
 *
 * @param contracts the contracts as stored (version 1, with their customers' names), in the file's order
 * @param actor     the importer
 */
public record ContractsImported(List<Contract> contracts, String actor) {
    public ContractsImported {
        contracts = List.copyOf(contracts);
    }

    /** Those that entered signed or later: the ones {@link ContractTransitioned} would have announced. */
    public List<Contract> enteredSigned() {
        return contracts.stream().filter(c -> c.status() != ContractStatus.DRAFT).toList();
    }
}

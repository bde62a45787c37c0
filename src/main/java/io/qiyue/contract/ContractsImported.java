package io.qiyue.contract;

import java.time.LocalDate;
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
 * @param signedOn  the day each was signed as the file says, by position (null where it gives none)
 * @param actor     the importer
 */
public record ContractsImported(List<Contract> contracts, List<LocalDate> signedOn, String actor) {
    public ContractsImported {
        contracts = List.copyOf(contracts);
        signedOn = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(signedOn));
        if (signedOn.size() != contracts.size()) {
            throw new IllegalArgumentException("one signing day per contract");
        }
    }

    /**
     * The day each contract was signed, by its id: the file's, else its start date (absent when it has neither).
     * Computed afresh: call it once per event.
     */
    public java.util.Map<String, LocalDate> signingDays() {
        var days = new java.util.HashMap<String, LocalDate>(contracts.size() * 2);
        for (int i = 0; i < contracts.size(); i++) {
            LocalDate day = signingDay(signedOn.get(i), contracts.get(i));
            if (day != null) {
                days.put(contracts.get(i).id(), day);
            }
        }
        return days;
    }

    /** A legacy contract's signing day: the one its file gives, else its start date (null when it has neither). */
    static LocalDate signingDay(LocalDate fromFile, Contract contract) {
        return fromFile != null ? fromFile : contract.startDate();
    }

    /** Those that entered signed or later: the ones {@link ContractTransitioned} would have announced. */
    public List<Contract> enteredSigned() {
        return contracts.stream().filter(c -> c.status() != ContractStatus.DRAFT).toList();
    }
}

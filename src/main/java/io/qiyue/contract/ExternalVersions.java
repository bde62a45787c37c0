package io.qiyue.contract;

import java.util.List;
import java.util.Optional;

/**
 * Versions of a contract that an outer module keeps beside the saved ones — the counterparty's
 * uploaded paper (the {@code template} module implements this). The contract module declares the
 * interface and merges the entries into {@link VersionHistory}; it works without any implementation.
 *
 * <p><b>Numbering, one space for the whole history.</b> A saved version carries the contract's own
 * version number (1, 2, 3, … — the number of its ETag), so those numbers are fixed by the contract and
 * never skip. Extra versions are numbered from {@link #FIRST} upward ({@code 1000000001},
 * {@code 1000000002}, … in the order of upload or of the counterparty's proposal: both are kept by the
 * {@code template} module in one table, so they share one counter), a range the contract's version counter cannot reach
 * (it would take a billion saved changes of one contract). The two ranges never meet, so a number
 * names one version forever, whichever module keeps it, and no save or upload has to renumber another.
 */
public interface ExternalVersions {
    /** The number of the first extra version of every contract. */
    int FIRST = 1_000_000_001;

    /** The extra versions of a contract the caller has already been allowed to read, by number. */
    List<ContractVersion> list(String contractId);

    /**
     * One extra version as a JSON object (what {@code GET /contracts/{id}/versions/{n}} answers), or
     * empty when this contract has no such version.
     */
    Optional<String> content(String contractId, int version);
}

package io.qiyue.contract;

import io.qiyue.shared.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one version history of a contract: its saved versions and the extra versions of the
 * {@link ExternalVersions} beans (uploaded paper), in one numbering (see {@link ExternalVersions}).
 * Reads go through {@link Contracts}, so a contract outside the caller's data scope is not found.
 */
@Service
public class VersionHistory {
    private final Contracts contracts;
    private final ObjectProvider<ExternalVersions> extras;

    VersionHistory(Contracts contracts, ObjectProvider<ExternalVersions> extras) {
        this.contracts = contracts;
        this.extras = extras;
    }

    /** Every version of the contract, by number: saved ones first (1, 2, …), then the extra ones. */
    public List<ContractVersion> list(String contractId) {
        var all = new ArrayList<>(contracts.versions(contractId));
        extras.orderedStream().forEach(e -> all.addAll(e.list(contractId)));
        all.sort(Comparator.comparingInt(ContractVersion::version));
        return all;
    }

    /** One version as JSON: the saved content of a saved version, or what the extra version's keeper answers. */
    public String content(String contractId, int version) {
        if (version < ExternalVersions.FIRST) {
            return contracts.versionContent(contractId, version);
        }
        contracts.get(contractId);
        return extras.orderedStream().map(e -> e.content(contractId, version)).flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version", contractId + "/" + version));
    }
}

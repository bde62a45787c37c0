package io.qiyue.contract;

import java.time.Instant;

/** A successor draft was created to renew a contract; the two link to each other. */
public record ContractRenewed(String predecessorId, String predecessorNumber, String successorId,
                              String successorNumber, String title, String owner, String actor, Instant at) {
}

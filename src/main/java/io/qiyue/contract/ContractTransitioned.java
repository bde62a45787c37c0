package io.qiyue.contract;

import java.time.Instant;

/**
 * A contract moved through its lifecycle (published in the move's transaction, so listeners after commit
 * are recorded in the event publication registry). {@code actor} is a username or "system".
 */
public record ContractTransitioned(String contractId, String number, String title, String owner,
                                   ContractStatus from, ContractStatus to, ContractAction action, String actor,
                                   String reason, Instant at, int version) {
}

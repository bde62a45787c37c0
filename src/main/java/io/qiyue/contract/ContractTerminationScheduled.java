package io.qiyue.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published in the transaction that records a termination for a later day ({@code on}): the contract stays in force
 * until the calendar terminates it then (and {@link ContractTransitioned} tells of that).
 */
public record ContractTerminationScheduled(String contractId, String number, String title, String owner, LocalDate on,
                                           String reason, String actor, Instant at) {
}

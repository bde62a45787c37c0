package io.qiyue.contract;

import java.time.LocalDate;

/**
 * What the lifecycle adds to a contract beside its content: the contract it renews and the one that
 * renews it, and an early termination (effective on {@code terminationDate}, which may be ahead: the
 * daily calendar terminates it then).
 */
public record ContractLineage(String predecessorId, String predecessorNumber, String successorId,
                              String successorNumber, LocalDate terminationDate, String terminationReason,
                              int autoRenewals, NonRenewal nonRenewal) {

    /** A notice of non-renewal (不再续约) recorded for the term ending {@code forEndDate}. */
    public record NonRenewal(LocalDate forEndDate, java.time.Instant at, String by, String reason) {
    }
}

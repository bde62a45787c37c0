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

    /**
     * A notice of non-renewal (不再续约) recorded for the term ending {@code forEndDate}. {@code noticeDeadline}: the
     * last day the contract's clause allows for it (本合同期满N日前, null when it names no period);
     * {@code noticeLate}: it was recorded after that day, so it binds only if the other party accepts it.
     */
    public record NonRenewal(LocalDate forEndDate, java.time.Instant at, String by, String reason,
                             LocalDate noticeDeadline, boolean noticeLate) {

        /**
         * The notice as its clause reads it now ({@code noticeDays} of the contract): a notice period changed since
         * (an import's update) is the one the parties agreed last.
         */
        static NonRenewal of(LocalDate forEndDate, java.time.Instant at, String by, String reason,
                             Integer noticeDays) {
            LocalDate deadline = noticeDays == null ? null : forEndDate.minusDays(noticeDays);
            boolean late = deadline != null && at != null
                    && at.atZone(io.qiyue.shared.Clocks.BUSINESS_ZONE).toLocalDate().isAfter(deadline);
            return new NonRenewal(forEndDate, at, by, reason, deadline, late);
        }
    }
}

package io.qiyue.contract;

import java.time.LocalDate;

/**
 * Filters of the contract list (spec/api.md); every field optional; {@code notFullyPaid}: a payment still open;
 * {@code review}: where the contract stands with the legal review.
 */
public record ContractQuery(String q, ContractType type, ContractStatus status, String customerId, String owner,
                            LocalDate endsBefore, LocalDate endsAfter, boolean notFullyPaid,
                            ReviewState.Filter review) {
    public static final ContractQuery ALL = new ContractQuery(null, null, null, null, null, null, null);

    /** Without the receivables' filter. */
    public ContractQuery(String q, ContractType type, ContractStatus status, String customerId, String owner,
                         LocalDate endsBefore, LocalDate endsAfter) {
        this(q, type, status, customerId, owner, endsBefore, endsAfter, false, null);
    }

    /** Without the review filter. */
    public ContractQuery(String q, ContractType type, ContractStatus status, String customerId, String owner,
                         LocalDate endsBefore, LocalDate endsAfter, boolean notFullyPaid) {
        this(q, type, status, customerId, owner, endsBefore, endsAfter, notFullyPaid, null);
    }
}

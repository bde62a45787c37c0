package io.qiyue.contract;

import java.time.LocalDate;

/** Filters of the contract list (spec/api.md); every field optional. */
public record ContractQuery(String q, ContractType type, ContractStatus status, String customerId, String owner,
                            LocalDate endsBefore, LocalDate endsAfter) {
    public static final ContractQuery ALL = new ContractQuery(null, null, null, null, null, null, null);
}

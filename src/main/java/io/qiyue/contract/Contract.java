package io.qiyue.contract;

import io.qiyue.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/** A contract as readers see it. */
public record Contract(String id, String number, ContractType type, String title, String customerId,
                       String customerName, String ourEntityId, String owner, Money amount, LocalDate startDate,
                       LocalDate endDate, boolean autoRenew, Integer renewalNoticeDays, ContractStatus status,
                       ContractTerms terms, int version, Instant createdAt, String createdBy, Instant updatedAt) {

    ContractInput toInput() {
        return new ContractInput(type, title, customerId, ourEntityId, owner, amount, startDate, endDate, autoRenew,
                renewalNoticeDays, terms);
    }
}

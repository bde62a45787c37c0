package io.qiyue.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.qiyue.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract in a list: everything but the terms, plus the share of its amount received (回款 %, from the
 * receivables; null when unknown or without an amount) and where it stands with the review (null where the
 * list does not say).
 */
public record ContractSummary(String id, String number, ContractType type, String title, String customerId,
                              String customerName, String ourEntityId, String owner, Money amount,
                              LocalDate startDate, LocalDate endDate, ContractStatus status, int version,
                              Instant updatedAt,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) java.math.BigDecimal receivedPercent,
                              ReviewState reviewState) {

    public ContractSummary(String id, String number, ContractType type, String title, String customerId,
                           String customerName, String ourEntityId, String owner, Money amount, LocalDate startDate,
                           LocalDate endDate, ContractStatus status, int version, Instant updatedAt) {
        this(id, number, type, title, customerId, customerName, ourEntityId, owner, amount, startDate, endDate, status,
                version, updatedAt, null, null);
    }
}

package io.qiyue.contract;

import io.qiyue.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/** A contract in a list: everything but the terms. */
public record ContractSummary(String id, String number, ContractType type, String title, String customerId,
                              String customerName, String owner, Money amount, LocalDate startDate, LocalDate endDate,
                              ContractStatus status, int version, Instant updatedAt) {
}

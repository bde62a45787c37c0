package io.qiyue.contract;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.qiyue.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract as GET by id answers it: the components of {@link Contract} in its order, the terms as JSON text
 * that goes out as it is ({@link TermsForm}). Its JSON is the same text as that of the {@link Contract} it stands
 * for (ContractJsonTest compares them), without reading the terms into records and writing them out again.
 */
@Schema(implementation = Contract.class)
public record ContractJson(String id, String number, ContractType type, String title, String customerId,
                           String customerName, String ourEntityId, String owner, Money amount, LocalDate startDate,
                           LocalDate endDate, boolean autoRenew, Integer renewalNoticeDays, ContractStatus status,
                           @JsonRawValue String terms, int version, Instant createdAt, String createdBy,
                           Instant updatedAt) {
}

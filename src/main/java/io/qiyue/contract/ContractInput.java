package io.qiyue.contract;

import io.qiyue.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A contract as a client writes it (create, PUT, or the result of a merge patch). */
public record ContractInput(
        @NotNull ContractType type,
        @NotBlank @Size(max = 200) @io.qiyue.shared.OneLine String title,
        @NotBlank @Size(max = 36) String customerId,
        @NotBlank @Size(max = 36) String ourEntityId,
        @Size(max = 64) String owner,
        @Valid Money amount,
        LocalDate startDate,
        LocalDate endDate,
        Boolean autoRenew,
        @Min(0) @Max(3650) Integer renewalNoticeDays,
        @Valid ContractTerms terms) {

    public ContractInput {
        if (terms == null) {
            terms = ContractTerms.EMPTY;
        }
    }
}

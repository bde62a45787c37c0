package io.qiyue.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record OurEntityInput(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 40) String creditCode,
        @NotBlank @Size(max = 300) String address,
        @Size(max = 100) String legalRepresentative,
        @Size(max = 200) String bankName,
        @Pattern(regexp = "[0-9 ]{8,40}", message = "{qiyue.customer.bank-account}") String bankAccount) {
}

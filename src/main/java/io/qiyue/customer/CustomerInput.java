package io.qiyue.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A customer as written by a client (create, PUT, or the result of a merge patch). Identifier
 * checks (QY-I001/QY-I002) and mobile numbers are validated by {@link Customers}, which knows the kind.
 */
public record CustomerInput(
        @NotNull CustomerKind kind,
        @NotBlank @Size(max = 200) @io.qiyue.shared.OneLine String name,
        @Size(max = 40) String creditCode,
        @Size(max = 40) String idNumber,
        @Size(max = 300) String address,
        @Size(max = 100) String legalRepresentative,
        @Size(max = 100) String industry,
        CustomerLevel level,
        CustomerStatus status,
        @Size(max = 64) String owner,
        @Size(max = 50) List<@Valid ContactInput> contacts) {

    public CustomerInput {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}

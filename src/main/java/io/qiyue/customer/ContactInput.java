package io.qiyue.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A contact as written by a client; {@code id} keeps the identity of an existing contact on update. */
public record ContactInput(
        @Size(max = 36) String id,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 100) String title,
        @Size(max = 20) String mobile,
        @Size(max = 40) String landline,
        @Email @Size(max = 254) String email,
        Boolean primary) {
}

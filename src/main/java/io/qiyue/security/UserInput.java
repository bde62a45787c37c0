package io.qiyue.security;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** What an admin writes about a user; {@code password} is write-only and optional on update. */
public record UserInput(
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{3,64}", message = "{qiyue.user.username}") String username,
        @NotBlank @Size(max = 100) String displayName,
        @Email @Size(max = 254) String email,
        @NotEmpty Set<Role> roles,
        @Size(max = 36) String teamId,
        Boolean enabled,
        @Size(min = 10, max = 128, message = "{qiyue.user.password}") String password) {
}

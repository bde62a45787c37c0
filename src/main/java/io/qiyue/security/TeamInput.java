package io.qiyue.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record TeamInput(@NotBlank @Size(max = 100) String name, @Size(max = 36) String managerId) {
}

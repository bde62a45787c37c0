package io.qiyue.template;

import io.qiyue.contract.ContractType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What an administrator writes: a Mustache body producing XHTML (see DocumentModel for the variables). */
public record TemplateInput(@NotNull ContractType type, @NotBlank @Size(max = 200) String name,
                            @NotBlank @Size(max = 500_000) String body, Boolean active) {
}

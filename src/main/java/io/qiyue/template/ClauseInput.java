package io.qiyue.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record ClauseInput(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_\\-\\p{IsHan}]+") String category,
                          @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String text,
                          Boolean approved, Boolean conspicuous) {
}

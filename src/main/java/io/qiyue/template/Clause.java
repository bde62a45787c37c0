package io.qiyue.template;

import java.time.Instant;

/**
 * A clause of the library. Approved clauses of category {@code GENERAL} or of a contract type's name
 * (e.g. {@code SERVICE}) are printed under 其他 in that type's documents, their {{variables}} filled
 * in; {@code conspicuous} ones (standard terms limiting liability) print bold.
 */
public record Clause(String id, String category, String title, String text, boolean approved, boolean conspicuous,
                     int version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    public static final String GENERAL = "GENERAL";
}

package io.qiyue.review;

import java.time.Instant;

/**
 * Who may accept the warnings of one rule: {@code acceptedBy} now, {@code defaultAcceptedBy} as the ruleset
 * ships it, {@code custom} when an admin chose; {@code version} counts the changes (the ETag).
 */
public record AcceptancePolicy(String ruleId, AcceptanceAuthority acceptedBy, AcceptanceAuthority defaultAcceptedBy,
                               boolean custom, int version, String updatedBy, Instant updatedAt) {
}

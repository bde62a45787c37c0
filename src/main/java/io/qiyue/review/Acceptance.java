package io.qiyue.review;

import java.time.Instant;

/** A warning accepted with a written reason: who, when, why. */
public record Acceptance(String by, Instant at, String reason) {
}

package io.qiyue.obligation;

import io.qiyue.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One thing a signed contract obliges a side to do. {@code dueDate} is null while a payment waits for its trigger
 * ({@code dueTrigger}: a {@code PaymentTrigger} name or the contract's own words); for a duty over a period it is
 * the day the period ends. {@code responsible} is a user on our side, null for the customer's side.
 * {@code amount} is set for payments only.
 */
public record Obligation(String id, String contractId, int seq, ObligationKind kind, ObligationSide side,
                         String responsible, String contractOwner, String customerId, String title,
                         String description, LocalDate startsOn, LocalDate dueDate, String dueTrigger, Money amount,
                         ObligationStatus status, String statusReason, LocalDate completedOn, Instant completedAt,
                         String completedBy, String note, Instant createdAt, Instant updatedAt, int version) {
}

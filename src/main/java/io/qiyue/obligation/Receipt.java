package io.qiyue.obligation;

import io.qiyue.contract.Terms;
import io.qiyue.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Money received from the customer (回款) and the instalments it paid. A reversed receipt (taken back with a
 * reason, e.g. a bounced transfer) stays on record but no longer pays anything. {@code allocatedOldestFirst}: Qiyue
 * spread it over the instalments, oldest due first (it was recorded without allocations), and spreads it again when
 * another receipt of the contract is taken back; otherwise it pays the instalments someone chose, whatever happens.
 */
public record Receipt(String id, String contractId, LocalDate receivedOn, Money amount, Terms.PaymentMethod method,
                      String reference, String note, List<Paid> allocations, boolean allocatedOldestFirst,
                      boolean reversed, Instant reversedAt,
                      String reversedBy, String reversalReason, Instant createdAt, String createdBy, int version) {

    /** What this receipt paid of one instalment. */
    public record Paid(String obligationId, int seq, String title, Money amount) {
    }
}

package io.qiyue.obligation;

import java.time.Instant;

/**
 * An obligation was marked done (published in that transaction). What we deliver to the customer
 * ({@link ObligationKind#confirmedByTheCustomer()}) is then offered to the customer to confirm and rate.
 */
public record ObligationCompleted(String obligationId, String contractId, ObligationKind kind, ObligationSide side,
                                  String title, String actor, Instant at) {
}

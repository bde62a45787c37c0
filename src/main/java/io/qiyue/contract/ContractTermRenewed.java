package io.qiyue.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published in the transaction of an automatic renewal ({@link ContractAction#AUTO_RENEW}): the term that ended on
 * {@code previousEnd} goes on from the day after it until {@code newEnd}, the {@code renewals}-th time.
 */
public record ContractTermRenewed(String contractId, String number, String title, String owner,
                                  LocalDate previousEnd, LocalDate newEnd, int renewals, String actor, Instant at) {
}

package io.qiyue.contract;

import io.qiyue.shared.Money;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the receivables know about listed contracts, answered by the obligation module (the core does not
 * import it): the share of each contract's amount received so far (回款 %), for one page of the list at a time.
 * The "not fully paid" filter reads that module's view {@code contract_payment_open} (V34).
 */
public interface ContractCollections {
    /** Percent received (0–100, two decimals) per contract id, for those with an amount; absent: none known. */
    Map<String, BigDecimal> receivedPercent(Map<String, Money> amountsById);
}

package io.qiyue.obligation;

import io.qiyue.contract.ContractCollections;
import io.qiyue.shared.Money;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The contract list's 回款 % column, answered from the receipts of the page's contracts in one query. */
@Component
class ReceivedShares implements ContractCollections {
    private final Receivables receivables;

    ReceivedShares(Receivables receivables) {
        this.receivables = receivables;
    }

    @Override
    public Map<String, BigDecimal> receivedPercent(Map<String, Money> amountsById) {
        var amounts = new HashMap<String, BigDecimal>();
        amountsById.forEach((id, money) -> amounts.put(id, money.value()));
        return receivables.percentReceived(amounts);
    }
}

package io.qiyue.contract.web;

import io.qiyue.contract.ContractInput;
import io.qiyue.contract.Contracts;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.web.BodyRules;
import org.springframework.stereotype.Component;

import java.util.List;

/** A new contract's body with a value that could not be read: the rest is checked as a save would check it. */
@Component
class ContractBodyRules implements BodyRules<ContractInput> {
    private final Contracts contracts;

    ContractBodyRules(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public Class<ContractInput> type() {
        return ContractInput.class;
    }

    @Override
    public List<FieldViolation> problems(String id, ContractInput input) {
        return contracts.problems(id, input);
    }
}

package io.qiyue.contract;

import io.qiyue.shared.ConflictException;

import java.util.List;
import java.util.Map;

/**
 * A submission or the start of signing refused by the {@link SubmissionGate}: a 409 whose problem body lists
 * the blocking findings.
 */
public class SubmissionBlockedException extends ConflictException {
    private final transient List<SubmissionGate.Blocking> findings;

    private final ContractAction action;

    public SubmissionBlockedException(List<SubmissionGate.Blocking> findings, ContractAction action) {
        super(Map.of("findings", List.copyOf(findings)), action == ContractAction.START_SIGNING
                ? "qiyue.contract.signing-blocked" : "qiyue.contract.submit-blocked", findings.size());
        this.findings = List.copyOf(findings);
        this.action = action;
    }

    /** What was refused: {@link ContractAction#SUBMIT} or {@link ContractAction#START_SIGNING}. */
    public ContractAction action() {
        return action;
    }

    public List<SubmissionGate.Blocking> findings() {
        return findings;
    }
}

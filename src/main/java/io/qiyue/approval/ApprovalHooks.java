package io.qiyue.approval;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.ContractReadGrant;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractTransitioned;
import io.qiyue.contract.TransitionGuard;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The approval module's answers to the contract module: a submission starts a flow in the same transaction (so a
 * submission never commits without its flow); a move out of approval made elsewhere ends the flow; a withdrawal is
 * refused to anyone but the submitter, and once an approver has decided; and approvers, current and past, may read the contract they decide on.
 */
@Component
class ApprovalHooks implements TransitionGuard, ContractReadGrant {
    private final Approvals approvals;

    ApprovalHooks(Approvals approvals) {
        this.approvals = approvals;
    }

    @EventListener
    void on(ContractTransitioned moved) {
        if (moved.action() == ContractAction.SUBMIT) {
            approvals.start(moved);
        } else if (moved.from() == ContractStatus.IN_APPROVAL) {
            approvals.ended(moved);
        }
    }

    @Override
    public void check(Contract contract, ContractAction action) {
        if (action == ContractAction.WITHDRAW) {
            approvals.checkWithdrawal(contract);
        }
    }

    @Override
    public boolean mayRead(String username, String contractId) {
        return approvals.involved(username, contractId);
    }
}

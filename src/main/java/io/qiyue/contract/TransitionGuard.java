package io.qiyue.contract;

/**
 * Asked before every lifecycle move, inside its transaction: an outer module that owns part of the
 * process vetoes a move it cannot allow by throwing {@link io.qiyue.shared.ConflictException} (approval
 * refuses a withdrawal once a step has decided). The core declares it; outer modules answer.
 */
public interface TransitionGuard {
    void check(Contract contract, ContractAction action);
}

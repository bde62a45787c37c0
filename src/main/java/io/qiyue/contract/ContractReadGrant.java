package io.qiyue.contract;

/**
 * Lets a user read a contract outside their data scope because an outer module involves them in it (the
 * approver of a task on it). Read only: writing still needs the data scope.
 */
public interface ContractReadGrant {
    boolean mayRead(String username, String contractId);
}

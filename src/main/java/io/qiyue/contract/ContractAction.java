package io.qiyue.contract;

/**
 * What moves a contract through its lifecycle ({@link ContractStatus#next}). Some actions are a person's
 * (the owner submits, starts signing, terminates), the others belong to an outer module that decides them
 * itself: approval approves or rejects, signing signs, the daily calendar activates and expires.
 */
public enum ContractAction {
    SUBMIT(true),
    WITHDRAW(true),
    APPROVE(false),
    REJECT(false),
    START_SIGNING(true),
    CANCEL_SIGNING(true),
    SIGN(false),
    ACTIVATE(false),
    EXPIRE(false),
    TERMINATE(true),
    /** The successor made by {@link #RENEW} was signed: this contract is superseded. */
    MARK_RENEWED(false),
    /** Creates a successor draft; the contract itself keeps its status until the successor is signed. */
    RENEW(true),
    /**
     * The term of a contract that renews itself (autoRenew, 自动续期一年) ended without a notice of non-renewal: the
     * calendar moves its end date a year on, in the state it is in.
     */
    AUTO_RENEW(false),
    /**
     * A legacy contract entered from a file with the state it already has ({@link ContractStatus#enteredByImport()}):
     * the only way into a state without the moves before it, decided by the importing module.
     */
    IMPORT(false);

    private final boolean byUser;

    ContractAction(boolean byUser) {
        this.byUser = byUser;
    }

    /** Whether a user asks for it over the API or the UI (the others only come from modules). */
    public boolean byUser() {
        return byUser;
    }
}

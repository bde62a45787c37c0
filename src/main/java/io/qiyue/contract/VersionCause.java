package io.qiyue.contract;

/**
 * What made a version of a contract: a person's save, a lifecycle move (named as its {@link ContractAction}),
 * a review suggestion or a counterparty's wording applied, or, for the extra versions of
 * {@link ExternalVersions}, an uploaded paper or a proposal made through a share link.
 */
public enum VersionCause {
    CREATE, SAVE, APPLY_SUGGESTION, ACCEPT_PROPOSAL,
    SUBMIT, WITHDRAW, APPROVE, REJECT, START_SIGNING, CANCEL_SIGNING, SIGN, ACTIVATE, EXPIRE, TERMINATE, MARK_RENEWED,
    /** A termination recorded for a later day (the calendar's TERMINATE follows on that day). */
    SCHEDULE_TERMINATION,
    /** The first version of a successor made by renewing a contract. */
    RENEW,
    /** The term moved a year on by the contract's own automatic renewal. */
    AUTO_RENEW,
    UPLOAD, COUNTERPARTY_PROPOSAL,
    /** The first version of a contract entered from a file, or a change of it by a later import in update mode. */
    IMPORT;

    /** The version a lifecycle move writes is named after the move. */
    static VersionCause of(ContractAction action) {
        return valueOf(action.name());
    }

    /** An extra version's cause, from its kind ({@link ContractVersion#EXTERNAL}, {@link ContractVersion#COUNTERPARTY}). */
    public static VersionCause ofExtraKind(String kind) {
        return ContractVersion.COUNTERPARTY.equals(kind) ? COUNTERPARTY_PROPOSAL : UPLOAD;
    }
}

package io.qiyue.signing;

/** The evidence recorded for each step of a signing round (存证), in the report and the audit trail. */
public enum SigningEventKind {
    STARTED, SIGNERS_SET, INVITED, LINK_OPENED, DOCUMENT_VIEWED, CODE_SENT, CODE_VERIFIED, CODE_WRONG, LOCKED,
    PASSWORD_CONFIRMED, PASSWORD_WRONG, SIGNED, DECLINED, FORWARDED, REMINDED, EXPIRED, CANCELLED, COMPLETED,
    PAPER_SIGNED, SEAL_USED,
    /** The frozen document no longer names the parties as their records do: the round cannot go on (detail: which). */
    PARTIES_CHANGED
}

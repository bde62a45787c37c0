package io.qiyue.signing;

import java.time.Instant;

/**
 * What the signing module asks others to tell people, published in the transaction that decided it (a
 * synchronous listener queues the message with that transaction; nothing is sent for a step that rolled back).
 * {@code recipientUsername} names one of our users; otherwise {@code recipientEmail} is a customer's contact.
 * {@code link} and {@code code} are secrets meant for that recipient only: never log them.
 */
public record SigningEvent(Kind kind, String contractId, String contractNumber, String contractTitle, String owner,
                           String recipientUsername, String recipientName, String recipientEmail, String link,
                           String code, Instant expiresAt, String detail, Instant at) {
    public enum Kind {
        /** A signer's turn came: our user signs in Qiyue, a contact gets the one-time link. */
        INVITED,
        /** The one-time code a signer confirms their identity and intent with. */
        CODE,
        /** The request expires soon and is not signed yet. */
        REMINDER,
        /** To the owner: a signer signed. */
        SIGNED,
        /** To the owner: every side signed; the contract is signed. */
        COMPLETED,
        /** To the owner: a signer declined (with the reason); the contract is back with the owner. */
        DECLINED,
        /** To the owner: the requests expired unsigned. */
        EXPIRED,
        /** To the owner: a link was locked after wrong codes. */
        LOCKED,
        /**
         * To the owner: the round cannot go on, since a party's record changed after the document was approved
         * (detail: which particulars); it is cancelled and the contract approved again.
         */
        BLOCKED
    }

    @Override
    public String toString() {
        // the link and the code are secrets: an event that ends up in a log must not carry them
        return "SigningEvent[" + kind + ", contract=" + contractNumber + ", to=" + (recipientUsername != null
                ? recipientUsername : "contact") + "]";
    }
}

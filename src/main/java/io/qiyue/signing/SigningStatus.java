package io.qiyue.signing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract's latest signing round ({@code GET /contracts/{id}/signing}).
 *
 * @param approvedSha256 the SHA-256 of the PDF approval approved (what the seal-use approval binds to)
 * @param frozenSha256   the SHA-256 of the PDF frozen when signing started: always equal to the approved one
 * @param currentSha256  the file as it stands now (with the signatures so far)
 * @param missing        the sides that have no signer yet (the owner sets them before anyone is invited)
 * @param partiesChanged of an open round: the particulars of the parties its frozen document prints otherwise than
 *                       their records now say. While any remain, nobody can sign it: the round is blocked, and the way
 *                       on is to cancel it, withdraw the contract and submit it for approval again
 */
public record SigningStatus(String contractId, String sessionId, SessionStatus status, SigningMethod method,
                            SigningOrder order, int oursRequired, int theirsRequired, boolean allowForward,
                            String approvedSha256, String frozenSha256, String currentSha256, Instant expiresAt,
                            LocalDate signedOn, String closeReason, List<SignerView> signers, List<SignerSide> missing,
                            Instant createdAt, String createdBy, int version, List<PartyChange> partiesChanged) {

    /**
     * A particular of a party that the round's document prints otherwise than the record says.
     *
     * @param field   {@code customer.name}, {@code ourEntity.legalRepresentative} …
     * @param message what the document prints and what the record says, in the reader's language
     */
    public record PartyChange(String field, String message) {
    }

    /** An open round that nobody can sign until the contract is approved again with a new document. */
    public boolean blocked() {
        return status.open() && partiesChanged != null && !partiesChanged.isEmpty();
    }

    /**
     * A legacy contract's paper scan attached by an import ({@code Signings.attachLegacyScan}): a round that was
     * closed as it was opened, with no signing period, no approval in Qiyue to compare with and no signers.
     */
    public boolean importedScan() {
        return method == SigningMethod.PAPER && expiresAt != null && expiresAt.equals(createdAt);
    }
}

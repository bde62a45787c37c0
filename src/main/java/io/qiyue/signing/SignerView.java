package io.qiyue.signing;

import java.time.Instant;

/**
 * One signer of a round as the contract's readers see it: e-mail addresses masked, no token or code.
 *
 * @param turn whether this signer may sign now (pending, and their side's turn has come)
 */
public record SignerView(String id, SignerSide side, int position, String name, String organisation,
                         String emailMasked, String mobileMasked, SignerStatus status, boolean turn, Instant invitedAt,
                         IdentityMethod identityMethod, Instant identityConfirmedAt, Instant signedAt,
                         String sealName, String declineReason, String forwardedTo, String username) {
}

package io.qiyue.signing;

import java.util.List;

/**
 * Who signs a contract for each side and in which order ({@code PUT /contracts/{id}/signers}). A side signs
 * when {@code required} of its signers have signed (n of m); null means all of them.
 *
 * @param expiresInDays how long each signing request stays valid (default 30)
 */
public record SigningPlan(SigningOrder order, List<OurSigner> ours, List<TheirSigner> theirs, Integer oursRequired,
                          Integer theirsRequired, boolean allowForward, int expiresInDays, int version,
                          boolean stored) {
    public static final int DEFAULT_EXPIRY_DAYS = 30;

    /** Whether the two say the same about who signs, how and until when (their versions aside). */
    public boolean sameArrangement(SigningPlan other) {
        return order == other.order && ours.equals(other.ours) && theirs.equals(other.theirs)
                && java.util.Objects.equals(oursRequired, other.oursRequired)
                && java.util.Objects.equals(theirsRequired, other.theirsRequired)
                && allowForward == other.allowForward && expiresInDays == other.expiresInDays;
    }

    /** Whether the two name the same signers of the side, in the same order, and need as many of them. */
    public boolean sameSigners(SignerSide side, SigningPlan other) {
        return side == SignerSide.OURS
                ? ours.equals(other.ours) && needed(oursRequired, ours.size()) == needed(other.oursRequired, other.ours.size())
                : theirs.equals(other.theirs)
                        && needed(theirsRequired, theirs.size()) == needed(other.theirsRequired, other.theirs.size());
    }

    /** The signers of one side. */
    public int signers(SignerSide side) {
        return side == SignerSide.OURS ? ours.size() : theirs.size();
    }

    private static int needed(Integer required, int signers) {
        return required == null ? signers : Math.min(required, signers);
    }

    public static final int MAX_EXPIRY_DAYS = 180;

    public SigningPlan {
        ours = ours == null ? List.of() : List.copyOf(ours);
        theirs = theirs == null ? List.of() : List.copyOf(theirs);
    }

    /** One of our signatories, by user id. */
    public record OurSigner(String userId) {
    }

    /** One of the customer's contacts, by contact id. */
    public record TheirSigner(String contactId) {
    }

    /** What a caller sends: everything optional but the lists. */
    public record SignersInput(SigningOrder order, List<OurSigner> ours, List<TheirSigner> theirs, Integer oursRequired,
                        Integer theirsRequired, Boolean allowForward, Integer expiresInDays) {
    }
}

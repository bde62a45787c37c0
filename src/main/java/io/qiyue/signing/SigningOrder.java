package io.qiyue.signing;

/** Which side signs first. The server enforces it: a signer whose side's turn has not come cannot sign. */
public enum SigningOrder {
    OURS_FIRST, THEIRS_FIRST, PARALLEL;

    /** Whether {@code side} may sign now, given which sides are complete. */
    boolean turnOf(SignerSide side, boolean oursComplete, boolean theirsComplete) {
        return switch (this) {
            case PARALLEL -> true;
            case OURS_FIRST -> side == SignerSide.OURS || oursComplete;
            case THEIRS_FIRST -> side == SignerSide.THEIRS || theirsComplete;
        };
    }
}

package io.qiyue.signing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A signer's states as one transition table. {@code PENDING} signers act when their side's turn has come;
 * every other state is final. {@code VOID}: no longer needed (the side had its n of m, or the round ended).
 */
public enum SignerStatus {
    PENDING, SIGNED, DECLINED, FORWARDED, LOCKED, VOID;

    private static final Map<SignerStatus, Set<SignerStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(SIGNED, DECLINED, FORWARDED, LOCKED, VOID),
            LOCKED, EnumSet.of(VOID),
            SIGNED, EnumSet.noneOf(SignerStatus.class),
            DECLINED, EnumSet.noneOf(SignerStatus.class),
            FORWARDED, EnumSet.noneOf(SignerStatus.class),
            VOID, EnumSet.noneOf(SignerStatus.class));

    public boolean mayBecome(SignerStatus next) {
        return NEXT.get(this).contains(next);
    }
}

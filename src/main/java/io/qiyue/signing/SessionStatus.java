package io.qiyue.signing;

/**
 * A signing round: {@code OPEN} from the start of signing until every side has signed ({@code COMPLETED}), a
 * signer declines, the owner cancels, or the requests expire. Only an open round accepts signatures.
 */
public enum SessionStatus {
    OPEN, COMPLETED, DECLINED, CANCELLED, EXPIRED;

    public boolean open() {
        return this == OPEN;
    }
}

package io.qiyue.shared;

/** The If-Match version is stale: someone else saved in between. */
public class PreconditionFailedException extends QiyueException {
    public PreconditionFailedException(String code, Object... args) {
        super(code, args);
    }
}

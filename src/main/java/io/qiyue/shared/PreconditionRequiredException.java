package io.qiyue.shared;

/** An update came without If-Match. */
public class PreconditionRequiredException extends QiyueException {
    public PreconditionRequiredException(String code, Object... args) {
        super(code, args);
    }
}

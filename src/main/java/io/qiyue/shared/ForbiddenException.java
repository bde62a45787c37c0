package io.qiyue.shared;

/** The caller may see the resource but its role does not allow this action. */
public class ForbiddenException extends QiyueException {
    public ForbiddenException(String code, Object... args) {
        super(code, args);
    }
}

package io.qiyue.shared;

/** The resource does not exist, or lies outside the caller's data scope (which must look the same). */
public class NotFoundException extends QiyueException {
    public NotFoundException(String code, Object... args) {
        super(code, args);
    }
}

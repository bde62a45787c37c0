package io.qiyue.shared;

/** The request conflicts with existing data, e.g. a duplicate credit code. */
public class ConflictException extends QiyueException {
    public ConflictException(String code, Object... args) {
        super(code, args);
    }
}

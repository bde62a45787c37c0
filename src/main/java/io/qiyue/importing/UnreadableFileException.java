package io.qiyue.importing;

import java.util.List;

/** The file as a whole cannot be imported (wrong type, zip bomb, too many rows, unknown encoding): a message code. */
class UnreadableFileException extends RuntimeException {
    private final String code;
    private final List<Object> args;

    UnreadableFileException(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = List.of(args);
    }

    String code() {
        return code;
    }

    List<Object> args() {
        return args;
    }
}

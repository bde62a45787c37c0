package io.qiyue.signing.pdf;

/** The configured time-stamp authority gave no usable time-stamp; nothing was signed. */
public class TimeStampException extends RuntimeException {
    TimeStampException(String message, Throwable cause) {
        super(message, cause);
    }
}

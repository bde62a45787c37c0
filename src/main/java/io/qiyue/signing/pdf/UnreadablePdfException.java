package io.qiyue.signing.pdf;

/** The bytes are not a PDF that PDFBox can read (or the PDF is encrypted): nothing can be signed or verified. */
public class UnreadablePdfException extends RuntimeException {
    UnreadablePdfException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.qiyue.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past {@link RequestSizeLimit#MAX_BYTES}. */
class PayloadTooLargeException extends IOException {
    PayloadTooLargeException() {
        super("request body too large");
    }
}

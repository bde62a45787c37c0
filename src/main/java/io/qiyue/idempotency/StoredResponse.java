package io.qiyue.idempotency;

import java.util.List;

/** What the first request with a key answered: replayed as it was. */
record StoredResponse(int status, List<Header> headers, byte[] body) {

    record Header(String name, String value) {
    }
}

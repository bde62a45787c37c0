package io.qiyue.shared;

import java.util.UUID;

/** Opaque identifiers: random UUIDs as strings, so that ids reveal neither order nor volume. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}

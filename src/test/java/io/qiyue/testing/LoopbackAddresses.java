package io.qiyue.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client addresses for tests that depend on where a request comes from (login throttling): each call
 * gives a loopback address no other test of this JVM uses, so that one test's failed logins never
 * slow another's. 127.0.0.1, where every other test connects from, is never handed out.
 */
public final class LoopbackAddresses {
    private static final AtomicInteger NEXT = new AtomicInteger(2);

    private LoopbackAddresses() {
    }

    public static String next() {
        int n = NEXT.getAndIncrement();
        return "127.0." + (n / 250) + "." + (n % 250 + 2);
    }
}

package io.qiyue.shared;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The idempotency key of the request this thread is handling, as the seed of the id of what the request creates.
 * A create under a key gets an id derived from the key (with the caller and the body), so that a retry of a create
 * whose answer was lost — the instance died after the commit, before the answer was kept — finds the record made
 * the first time instead of making a second one. Without a key, ids are random ({@link Ids#newId()}).
 */
public final class RequestIdempotency {
    private static final ThreadLocal<String> SEED = new ThreadLocal<>();

    private RequestIdempotency() {
    }

    /** Runs {@code work} with {@code seed} (a digest of caller, key and request) as this thread's seed. */
    public static <T> T with(String seed, Callable<T> work) throws Exception {
        String before = SEED.get();
        SEED.set(seed);
        try {
            return work.call();
        } finally {
            if (before == null) {
                SEED.remove();
            } else {
                SEED.set(before);
            }
        }
    }

    /**
     * The id of the {@code kind} of record the current keyed request creates, or empty outside a keyed request.
     * One id per kind: a request that creates several records of a kind must not use this.
     */
    public static Optional<String> idFor(String kind) {
        String seed = SEED.get();
        return seed == null ? Optional.empty()
                : Optional.of(UUID.nameUUIDFromBytes((seed + "\n" + kind).getBytes(StandardCharsets.UTF_8)).toString());
    }
}

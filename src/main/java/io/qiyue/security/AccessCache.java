package io.qiyue.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every API request would otherwise read from the database before its own work: the API token by its hash,
 * the user it belongs to, and the members of a sales manager's team. Kept in memory and dropped on
 * {@link AccessChanged}, so that a revoked token, a new role or team, or a disabled user count from the next request
 * on.
 * <p>
 * The rule that makes this safe under concurrent updates is a version stamp: every invalidation moves one counter
 * on, and a value read from the database is kept only if the counter did not move while it was read (checked again
 * after it is stored). A request that read the row just before a change committed thus never leaves the old row
 * behind. Invalidation runs when the change is announced and again after its transaction commits, so that a
 * request between the two cannot keep the old row either. Entries also expire after {@link #TIME_TO_LIVE}, the
 * bound on staleness for changes no event announces (an operator's SQL; changes made through another instance
 * arrive within a quarter second through {@link AccessChangeRelay}), and each region holds at most
 * {@link #MAX_ENTRIES}: memory does not grow with the data.
 */
@Component
class AccessCache {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 10_000;

    /** An API token as authentication needs it; {@code lastUsedAt} is when it was last written to the row. */
    static final class Token {
        private final String id;
        private final String userId;
        private final java.time.Instant expiresAt;
        private volatile java.time.Instant lastUsedAt;

        Token(String id, String userId, java.time.Instant expiresAt, java.time.Instant lastUsedAt) {
            this.id = id;
            this.userId = userId;
            this.expiresAt = expiresAt;
            this.lastUsedAt = lastUsedAt;
        }

        String id() {
            return id;
        }

        String userId() {
            return userId;
        }

        java.time.Instant expiresAt() {
            return expiresAt;
        }

        java.time.Instant lastUsedAt() {
            return lastUsedAt;
        }

        void usedAt(java.time.Instant at) {
            lastUsedAt = at;
        }
    }

    private final AtomicLong stamp = new AtomicLong();
    private final Region<Token> tokens = new Region<>();
    private final Region<User> users = new Region<>();
    private final Region<java.util.List<String>> teams = new Region<>();

    /** A live-or-not token by the SHA-256 of its secret; unknown hashes are not kept (guessing fills nothing). */
    Optional<Token> token(String hash, Supplier<Optional<Token>> load) {
        return tokens.get(hash, load);
    }

    Optional<User> user(String id, Supplier<Optional<User>> load) {
        return users.get(id, load);
    }

    java.util.List<String> teamMembers(String teamId, Supplier<java.util.List<String>> load) {
        return teams.get(teamId, () -> Optional.of(load.get())).orElseThrow();
    }

    @EventListener
    void on(AccessChanged changed) {
        invalidate(changed);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidate(changed);
                }
            });
        }
    }

    /** Drops what {@code changed} names; also for changes made through another instance ({@link AccessChangeRelay}). */
    void invalidate(AccessChanged changed) {
        stamp.incrementAndGet();
        switch (changed.kind()) {
            case USER -> {
                users.remove(id -> id.equals(changed.id()));
                // the user may have joined or left a team: which one is not worth remembering
                teams.clear();
            }
            case API_TOKEN -> tokens.removeValues(token -> token.id().equals(changed.id()));
        }
    }

    /** Values by key, each with the time it was read. */
    private final class Region<V> {
        private record Entry<V>(V value, long readAtNanos) {
        }

        private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

        Optional<V> get(String key, Supplier<Optional<V>> load) {
            long now = System.nanoTime();
            Entry<V> entry = entries.get(key);
            if (entry != null && now - entry.readAtNanos() < TIME_TO_LIVE.toNanos()) {
                return Optional.of(entry.value());
            }
            long before = stamp.get();
            Optional<V> loaded = load.get();
            if (loaded.isEmpty()) {
                entries.remove(key);
                return loaded;
            }
            if (stamp.get() == before) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                var fresh = new Entry<>(loaded.get(), now);
                entries.put(key, fresh);
                if (stamp.get() != before) {
                    // invalidated while storing: what was read may be older than the change
                    entries.remove(key, fresh);
                }
            }
            return loaded;
        }

        void remove(Predicate<String> keys) {
            entries.keySet().removeIf(keys);
        }

        void removeValues(Predicate<V> values) {
            entries.values().removeIf(e -> values.test(e.value()));
        }

        void clear() {
            entries.clear();
        }
    }
}

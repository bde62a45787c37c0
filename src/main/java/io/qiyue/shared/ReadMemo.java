package io.qiyue.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads remembered for the length of one bulk operation on this thread (an import of one file), so that the same
 * customer, our entity or template read by the validation, the review and the document renderer of each of
 * thousands of records is read from the database once per file rather than a dozen times per record; or for the
 * length of one request whose steps ask the same question (a contract list asks whether the search index is current
 * for each step the index answers).
 *
 * <p>Opened by the operation ({@code try (var memo = ReadMemo.open()) {...}}) and closed by it: outside one, every
 * {@link #read} goes to its loader, so the app's ordinary requests always see the database as it is. Only reads of
 * records the operation itself does not change may be remembered; the operation writes nothing through them.
 */
public final class ReadMemo implements AutoCloseable {
    private static final ThreadLocal<ReadMemo> CURRENT = new ThreadLocal<>();

    private final Map<String, Object> values = new HashMap<>();
    private final ReadMemo outer;

    private ReadMemo(ReadMemo outer) {
        this.outer = outer;
    }

    /** Opens a memo on this thread until {@link #close}; a memo opened inside another one shares nothing with it. */
    public static ReadMemo open() {
        var memo = new ReadMemo(CURRENT.get());
        CURRENT.set(memo);
        return memo;
    }

    /**
     * The value remembered under this key in the open memo, loading it once; without an open memo, loaded every
     * time. {@code kind} names the reader (e.g. {@code "customer"}) so that keys of different readers never meet.
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(String kind, Object key, Supplier<T> loader) {
        var memo = CURRENT.get();
        if (memo == null) {
            return loader.get();
        }
        String k = kind + '\u0000' + key;
        if (memo.values.containsKey(k)) {
            return (T) memo.values.get(k);
        }
        T value = loader.get();
        memo.values.put(k, value);
        return value;
    }

    /** Forgets what was remembered under this key (a record the operation changed after all). */
    public static void forget(String kind, Object key) {
        var memo = CURRENT.get();
        if (memo != null) {
            memo.values.remove(kind + '\u0000' + key);
        }
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}

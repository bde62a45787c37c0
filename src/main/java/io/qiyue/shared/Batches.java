package io.qiyue.shared;

import java.util.List;
import java.util.function.Consumer;

/**
 * A list too long to hold, validated and scoped when it was asked for and read when walked: the rows arrive
 * in batches, each handed over before the next is read (exports of any length at a flat memory cost).
 */
@FunctionalInterface
public interface Batches<T> {
    void forEach(Consumer<List<T>> each);
}

package io.qiyue.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code { items, page, size, total }} as spec/api.md describes. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    /** A short list shown whole (an installation's handful of webhooks): one page holding every item. */
    public static <T> PageResult<T> whole(List<T> items) {
        return new PageResult<>(List.copyOf(items), 0, Math.max(1, items.size()), items.size());
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}

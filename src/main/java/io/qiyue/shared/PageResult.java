package io.qiyue.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code { items, page, size, total }} as spec/api.md describes. */
public record PageResult<T>(List<T> items, int page, int size, long total) implements Listing {

    /** A short list shown whole (an installation's handful of webhooks): one page holding every item. */
    public static <T> PageResult<T> whole(List<T> items) {
        return new PageResult<>(List.copyOf(items), 0, Math.max(1, items.size()), items.size());
    }

    /**
     * A list read whole (a contract's versions, a customer's contacts: a few dozen at most), answered in the list
     * envelope: the page asked for, or every item in one page when the client asks for none (neither {@code page}
     * nor {@code size}), so that a client reading {@code items} without paging misses nothing.
     */
    public static <T> PageResult<T> of(List<T> all, Integer page, Integer size) {
        if (page == null && size == null) {
            return whole(all);
        }
        var paging = Paging.unsorted(page, size);
        long from = Math.min(paging.offset(), all.size());
        int to = (int) Math.min(from + paging.size(), all.size());
        return new PageResult<>(List.copyOf(all.subList((int) from, to)), paging.page(), paging.size(), all.size());
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}

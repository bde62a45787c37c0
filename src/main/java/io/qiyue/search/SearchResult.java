package io.qiyue.search;

import java.util.List;

/** A page of hits and how many there are in all (within the caller's data scope). */
public record SearchResult(List<SearchHit> items, long total, int page, int size) {

    public static SearchResult empty(int page, int size) {
        return new SearchResult(List.of(), 0, page, size);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
    }
}

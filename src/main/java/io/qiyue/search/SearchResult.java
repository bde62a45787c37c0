package io.qiyue.search;

import java.util.List;

/**
 * A page of hits and how many there are in all (within the caller's data scope); while the index is being rebuilt
 * from the database, how far the rebuild has come (the hits then cover only what it has taken so far), else null.
 */
public record SearchResult(List<SearchHit> items, long total, int page, int size, Integer indexRebuildPercent)
        implements io.qiyue.shared.Listing {

    public SearchResult(List<SearchHit> items, long total, int page, int size) {
        this(items, total, page, size, null);
    }

    public static SearchResult empty(int page, int size) {
        return new SearchResult(List.of(), 0, page, size);
    }

    SearchResult duringRebuild(int percent) {
        return new SearchResult(items, total, page, size, percent);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
    }
}

package io.qiyue.shared;

import java.util.List;

/**
 * What an index (the search module's) found for a list's filters: how many records match, and their ids when there
 * are few enough to name ({@link #listed}); an empty list of ids when there are more. The database then reads those
 * rows only, instead of looking through the table for a substring.
 */
public record IndexMatches(long count, List<String> ids) {
    public IndexMatches {
        ids = List.copyOf(ids);
    }

    public static final IndexMatches NONE = new IndexMatches(0, List.of());

    /** Whether {@link #ids} names every match. */
    public boolean listed() {
        return ids.size() == count;
    }
}

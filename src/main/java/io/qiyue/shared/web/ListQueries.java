package io.qiyue.shared.web;

import io.qiyue.shared.InvalidInputException;

/**
 * The free-text filter {@code q} of a list or its export: at most as long as a search ({@code /search}), so that a
 * query of thousands of characters is named as too long rather than searched for.
 */
public final class ListQueries {
    public static final int MAX_LENGTH = 200;

    private ListQueries() {
    }

    public static String q(String q) {
        if (q != null && q.strip().length() > MAX_LENGTH) {
            throw new InvalidInputException("q", "qiyue.search.q-too-long", MAX_LENGTH);
        }
        return q;
    }
}

package io.qiyue.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a stored contract text prints a customer's personal details, as {@code start-end} character
 * ranges ({@code 12-30,81-92}): found when the text is stored, with the details as they were then, so
 * that a screen can blank exactly those ranges for a reader who may not read the customer while the
 * document itself stays the same for everyone.
 */
final class RestrictedSpans {
    /** Shorter values (a one-character name) would blank unrelated text. */
    private static final int SHORTEST = 2;

    private RestrictedSpans() {
    }

    /** Every occurrence of every value in the text, overlapping ranges merged; empty string when none. */
    static String find(String text, List<String> values) {
        var ranges = new ArrayList<int[]>();
        for (String value : values) {
            if (value == null || value.strip().length() < SHORTEST) {
                continue;
            }
            String v = value.strip();
            for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + v.length())) {
                ranges.add(new int[] {at, at + v.length()});
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        var merged = new ArrayList<int[]>();
        for (int[] r : ranges) {
            if (!merged.isEmpty() && r[0] <= merged.getLast()[1]) {
                merged.getLast()[1] = Math.max(merged.getLast()[1], r[1]);
            } else {
                merged.add(r);
            }
        }
        var out = new StringBuilder();
        for (int[] r : merged) {
            out.append(out.isEmpty() ? "" : ",").append(r[0]).append('-').append(r[1]);
        }
        return out.toString();
    }

    /** The text with each range replaced by {@code replacement}; ranges outside the text are ignored. */
    static String mask(String text, String spans, String replacement) {
        if (spans == null || spans.isEmpty()) {
            return text;
        }
        var out = new StringBuilder();
        int from = 0;
        for (String span : spans.split(",")) {
            int dash = span.indexOf('-');
            int start = Integer.parseInt(span.substring(0, dash));
            int end = Integer.parseInt(span.substring(dash + 1));
            if (start < from || end > text.length()) {
                continue;
            }
            out.append(text, from, start).append(replacement);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }
}

package io.qiyue.notification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How queued robot messages fit a robot's rate limit: while the budget of the current minute covers the
 * queue, each goes alone; beyond it they are packed, in order, into digests of at most the robot's message
 * size, and only as many digests as the budget allows are sent now; the rest wait for the next minute.
 * Nothing is dropped.
 */
final class Digests {
    private Digests() {
    }

    /** Groups of indexes into {@code items}, each one message to post now, at most {@code budget} of them. */
    static List<List<Integer>> plan(List<String> items, int budget, int maxBytes) {
        var groups = new ArrayList<List<Integer>>();
        if (budget <= 0 || items.isEmpty()) {
            return groups;
        }
        if (items.size() <= budget) {
            for (int i = 0; i < items.size(); i++) {
                groups.add(List.of(i));
            }
            return groups;
        }
        var current = new ArrayList<Integer>();
        for (int i = 0; i < items.size() && groups.size() < budget; i++) {
            current.add(i);
            if (current.size() > 1 && bytes(render(pick(items, current), Integer.MAX_VALUE)) > maxBytes) {
                current.removeLast();
                groups.add(List.copyOf(current));
                current.clear();
                current.add(i);
            }
        }
        if (!current.isEmpty() && groups.size() < budget) {
            groups.add(List.copyOf(current));
        }
        return groups;
    }

    /** The text of one message: a single notification as it is, several under a digest heading. */
    static String render(List<String> lines, int maxBytes) {
        String text = lines.size() == 1 ? lines.getFirst()
                : "**契约通知汇总（" + lines.size() + " 条）**\n\n" + String.join("\n\n", lines);
        return cutBytes(text, maxBytes);
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> pick(List<String> items, List<Integer> indexes) {
        return indexes.stream().map(items::get).toList();
    }

    /** Cuts at a character boundary so that the UTF-8 form fits, marking the cut. */
    static String cutBytes(String s, int maxBytes) {
        if (bytes(s) <= maxBytes) {
            return s;
        }
        var out = new StringBuilder();
        int used = 3; // the "…"
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}

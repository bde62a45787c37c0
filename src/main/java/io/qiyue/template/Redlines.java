package io.qiyue.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redlines of Chinese contract text, bounded in work. Paragraphs are compared first (each paragraph
 * one symbol, so unchanged paragraphs cost nothing and a 400,000-character document is a few thousand
 * symbols), then each changed block of paragraphs token by token: a number, date or amount is one
 * token, so ¥360,000.00 → ¥380,000.00 reads as one replacement and not as a changed digit; a Latin word
 * is one token, a CJK character is one. Small equalities between changes are then folded into them
 * (the semantic clean-up of diff-match-patch), so that a rewritten phrase reads as one deletion and one
 * insertion instead of a comb of single characters.
 *
 * <p>Both levels use Myers' O((N+M)·D) algorithm in linear space, with D capped and a deadline over the whole diff: a
 * request can never hold a core for longer than the deadline (plus the linear passes around it). A
 * block the budget does not cover is shown as its old paragraphs deleted and its new ones inserted, and
 * the result says it is coarse.
 */
final class Redlines {
    /** Edit distance beyond which a comparison is abandoned, whatever time is left. */
    static final int MAX_EDITS = 20_000;
    static final long DEADLINE_NANOS = 2_000_000_000L;

    private static final Pattern TOKEN = Pattern.compile(
            "\\d{4}年\\d{1,2}月\\d{1,2}日"
                    + "|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}"
                    + "|[¥￥$]?\\d(?:[\\d,，.]*\\d)?%?"
                    + "|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整]*[壹贰叁肆伍陆柒捌玖][零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整]*"
                    + "|[A-Za-z]+(?:['’-][A-Za-z]+)*"
                    + "|[ \\t\\u3000]+");

    private Redlines() {
    }

    /** The operations and whether the budget ran out somewhere. */
    record Diff(List<Redline.Op> ops, boolean coarse) {
    }

    static Diff diff(String before, String after) {
        return diff(before, after, DEADLINE_NANOS);
    }

    static Diff diff(String before, String after, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        List<String> a = paragraphs(before);
        List<String> b = paragraphs(after);
        var symbols = new HashMap<String, Integer>();
        int[] matched = align(ids(a, symbols), ids(b, symbols), deadline);
        boolean coarse = false;
        if (matched == null) { // too many changed paragraphs: keep the common head and tail, the rest is one block
            coarse = true;
            matched = headAndTail(a, b);
        }
        var ops = new ArrayList<Redline.Op>();
        int ib = 0;
        int ia = 0;
        while (ia < a.size() || ib < b.size()) {
            if (ia < a.size() && matched[ia] == ib) {
                ops.add(new Redline.Op(Redline.EQUAL, a.get(ia)));
                ia++;
                ib++;
                continue;
            }
            int ea = ia;
            while (ea < a.size() && matched[ea] < 0) {
                ea++;
            }
            int eb = ea < a.size() ? matched[ea] : b.size();
            String source = String.join("", a.subList(ia, ea));
            String target = String.join("", b.subList(ib, eb));
            coarse |= block(source, target, deadline, ops);
            ia = ea;
            ib = eb;
        }
        return new Diff(merge(ops), coarse);
    }

    /** A changed block, token by token when the budget allows; true when it did not. */
    private static boolean block(String source, String target, long deadline, List<Redline.Op> out) {
        if (source.isEmpty() || target.isEmpty()) {
            out.add(new Redline.Op(Redline.DELETE, source));
            out.add(new Redline.Op(Redline.INSERT, target));
            return false;
        }
        List<String> a = tokens(source);
        List<String> b = tokens(target);
        var symbols = new HashMap<String, Integer>();
        int[] matched = System.nanoTime() - deadline < 0 ? align(ids(a, symbols), ids(b, symbols), deadline) : null;
        if (matched == null) {
            out.add(new Redline.Op(Redline.DELETE, source));
            out.add(new Redline.Op(Redline.INSERT, target));
            return true;
        }
        var ops = new ArrayList<Redline.Op>();
        int ib = 0;
        for (int ia = 0; ia < a.size(); ia++) {
            if (matched[ia] < 0) {
                ops.add(new Redline.Op(Redline.DELETE, a.get(ia)));
                continue;
            }
            for (; ib < matched[ia]; ib++) {
                ops.add(new Redline.Op(Redline.INSERT, b.get(ib)));
            }
            ops.add(new Redline.Op(Redline.EQUAL, a.get(ia)));
            ib++;
        }
        for (; ib < b.size(); ib++) {
            ops.add(new Redline.Op(Redline.INSERT, b.get(ib)));
        }
        out.addAll(cleanup(slide(merge(ops))));
        return false;
    }

    /**
     * Moves each lone insertion or deletion as far right as it goes while it says the same thing: of the
     * shortest scripts for 甲方总部机房 → 甲方总部及分部机房, "总[部及分]部" and "总部[及分部]", the second is
     * the one a reader expects (and the one that keeps whole words apart).
     */
    private static List<Redline.Op> slide(List<Redline.Op> ops) {
        var out = new ArrayList<>(ops);
        for (int i = 0; i + 1 < out.size(); i++) {
            var change = out.get(i);
            var next = out.get(i + 1);
            boolean lone = !change.op().equals(Redline.EQUAL) && next.op().equals(Redline.EQUAL)
                    && (i == 0 || out.get(i - 1).op().equals(Redline.EQUAL));
            if (!lone) {
                continue;
            }
            var moved = new StringBuilder();
            String text = change.text();
            String after = next.text();
            for (String token = first(text); !after.isEmpty() && after.startsWith(token) && first(after).equals(token);
                 token = first(text)) {
                moved.append(token);
                text = text.substring(token.length()) + token;
                after = after.substring(token.length());
            }
            if (moved.isEmpty()) {
                continue;
            }
            String before = i == 0 ? "" : out.get(i - 1).text();
            if (i == 0) {
                out.add(0, new Redline.Op(Redline.EQUAL, ""));
                i++;
            }
            out.set(i - 1, new Redline.Op(Redline.EQUAL, before + moved));
            out.set(i, new Redline.Op(change.op(), text));
            out.set(i + 1, new Redline.Op(Redline.EQUAL, after));
        }
        return merge(out);
    }

    private static String first(String text) {
        Matcher matcher = TOKEN.matcher(text);
        return matcher.lookingAt() ? matcher.group() : text.substring(0, Character.charCount(text.codePointAt(0)));
    }

    /**
     * For each symbol of {@code a}, the index of the symbol of {@code b} it is kept as in a shortest edit
     * script, or -1 when it is deleted; null when the edit distance exceeds {@link #MAX_EDITS} or the
     * deadline passes.
     */
    static int[] align(int[] a, int[] b, long deadline) {
        int[] matched = new int[a.length];
        java.util.Arrays.fill(matched, -1);
        return align(a, 0, a.length, b, 0, b.length, matched, deadline) ? matched : null;
    }

    /**
     * Myers' linear-space refinement: common head and tail are matched, the rest is split where the
     * forward and the backward search meet (the middle of a shortest path) and each half aligned the same
     * way. Memory stays linear in the input however large D is; time is O((N+M)·D).
     */
    private static boolean align(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo, int[] matched,
                                 long deadline) {
        while (aFrom < aTo && bFrom < bTo && a[aFrom] == b[bFrom]) {
            matched[aFrom++] = bFrom++;
        }
        while (aFrom < aTo && bFrom < bTo && a[aTo - 1] == b[bTo - 1]) {
            matched[--aTo] = --bTo;
        }
        if (aFrom == aTo || bFrom == bTo) {
            return true;
        }
        int[] split = middle(a, aFrom, aTo, b, bFrom, bTo, deadline);
        if (split == null) {
            return false;
        }
        if (split.length == 0) { // nothing in common
            return true;
        }
        return align(a, aFrom, aFrom + split[0], b, bFrom, bFrom + split[1], matched, deadline)
                && align(a, aFrom + split[0], aTo, b, bFrom + split[1], bTo, matched, deadline);
    }

    /**
     * Where a shortest path through a[aFrom, aTo) × b[bFrom, bTo) crosses its middle diagonal band, as
     * offsets {x, y}; an empty array when the two share nothing; null when the budget runs out.
     */
    private static int[] middle(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo, long deadline) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        int maxD = (n + m + 1) / 2;
        int limit = Math.min(maxD, MAX_EDITS / 2 + 1);
        int offset = limit + 1;
        int length = 2 * offset + 2;
        int[] forward = new int[length];
        int[] backward = new int[length];
        java.util.Arrays.fill(forward, -1);
        java.util.Arrays.fill(backward, -1);
        forward[offset + 1] = 0;
        backward[offset + 1] = 0;
        int delta = n - m;
        boolean odd = (delta & 1) != 0;
        // diagonals that ran off the edge of the grid are not extended again
        int forwardStart = 0;
        int forwardEnd = 0;
        int backwardStart = 0;
        int backwardEnd = 0;
        for (int d = 0; d < limit; d++) {
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            for (int k = -d + forwardStart; k <= d - forwardEnd; k += 2) {
                int i = offset + k;
                int x = k == -d || (k != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1] : forward[i - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aFrom + x] == b[bFrom + y]) {
                    x++;
                    y++;
                }
                forward[i] = x;
                if (x > n) {
                    forwardEnd += 2;
                } else if (y > m) {
                    forwardStart += 2;
                } else if (odd) {
                    int j = offset + delta - k;
                    if (j >= 0 && j < length && backward[j] != -1 && x >= n - backward[j]) {
                        return new int[] {x, y};
                    }
                }
            }
            for (int k = -d + backwardStart; k <= d - backwardEnd; k += 2) {
                int j = offset + k;
                int x = k == -d || (k != d && backward[j - 1] < backward[j + 1]) ? backward[j + 1] : backward[j - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aTo - 1 - x] == b[bTo - 1 - y]) {
                    x++;
                    y++;
                }
                backward[j] = x;
                if (x > n) {
                    backwardEnd += 2;
                } else if (y > m) {
                    backwardStart += 2;
                } else if (!odd) {
                    int i = offset + delta - k;
                    if (i >= 0 && i < length && forward[i] != -1) {
                        int forwardX = forward[i];
                        int forwardY = offset + forwardX - i;
                        if (forwardX >= n - x) {
                            return new int[] {forwardX, forwardY};
                        }
                    }
                }
            }
        }
        return limit < maxD ? null : new int[0];
    }

    private static int[] headAndTail(List<String> a, List<String> b) {
        int[] matched = new int[a.size()];
        java.util.Arrays.fill(matched, -1);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            matched[head] = head;
            head++;
        }
        for (int tail = 0; tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail)); tail++) {
            matched[a.size() - 1 - tail] = b.size() - 1 - tail;
        }
        return matched;
    }

    private static int[] ids(List<String> items, Map<String, Integer> symbols) {
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = symbols.computeIfAbsent(items.get(i), s -> symbols.size());
        }
        return out;
    }

    /** Tokens that join back to the text: numbers, dates, amounts, Latin words and blank runs whole, anything else one code point. */
    static List<String> tokens(String text) {
        var out = new ArrayList<String>(text.length());
        Matcher matcher = TOKEN.matcher(text);
        int i = 0;
        while (i < text.length()) {
            matcher.region(i, text.length());
            int end = matcher.lookingAt() ? matcher.end() : i + Character.charCount(text.codePointAt(i));
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }

    /**
     * Merges neighbours and folds every equality no longer than the changes on both of its sides, lengths in
     * tokens: "元（大写：人民币" between two changed amounts is eight tokens against one and stays.
     */
    static List<Redline.Op> cleanup(List<Redline.Op> input) {
        List<Redline.Op> ops = merge(input);
        for (int pass = 0; pass < 32; pass++) {
            boolean changed = false;
            var out = new ArrayList<Redline.Op>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                var op = ops.get(i);
                if (op.op().equals(Redline.EQUAL) && i > 0 && i < ops.size() - 1) {
                    int len = tokens(op.text()).size();
                    if (len <= changeAround(ops, i, -1) && len <= changeAround(ops, i, 1)) {
                        out.add(new Redline.Op(Redline.DELETE, op.text()));
                        out.add(new Redline.Op(Redline.INSERT, op.text()));
                        changed = true;
                        continue;
                    }
                }
                out.add(op);
            }
            ops = merge(out);
            if (!changed) {
                break;
            }
        }
        return ops;
    }

    /** max(deleted, inserted) tokens between the equality at i and the next equality in direction dir. */
    private static int changeAround(List<Redline.Op> ops, int i, int dir) {
        int deleted = 0;
        int inserted = 0;
        for (int j = i + dir; j >= 0 && j < ops.size() && !ops.get(j).op().equals(Redline.EQUAL); j += dir) {
            var o = ops.get(j);
            int n = tokens(o.text()).size();
            if (o.op().equals(Redline.DELETE)) {
                deleted += n;
            } else {
                inserted += n;
            }
        }
        return Math.max(deleted, inserted);
    }

    /** Adjacent operations of one kind joined; in each run of changes, one deletion before one insertion. */
    private static List<Redline.Op> merge(List<Redline.Op> ops) {
        var out = new ArrayList<Redline.Op>();
        var del = new StringBuilder();
        var ins = new StringBuilder();
        var eq = new StringBuilder();
        for (var op : ops) {
            if (op.text().isEmpty()) {
                continue;
            }
            switch (op.op()) {
                case Redline.EQUAL -> {
                    flushChanges(out, del, ins);
                    eq.append(op.text());
                }
                case Redline.DELETE -> {
                    flushEqual(out, eq);
                    del.append(op.text());
                }
                default -> {
                    flushEqual(out, eq);
                    ins.append(op.text());
                }
            }
        }
        flushChanges(out, del, ins);
        flushEqual(out, eq);
        return out;
    }

    private static void flushEqual(List<Redline.Op> out, StringBuilder eq) {
        if (!eq.isEmpty()) {
            out.add(new Redline.Op(Redline.EQUAL, eq.toString()));
            eq.setLength(0);
        }
    }

    private static void flushChanges(List<Redline.Op> out, StringBuilder del, StringBuilder ins) {
        if (!del.isEmpty()) {
            out.add(new Redline.Op(Redline.DELETE, del.toString()));
            del.setLength(0);
        }
        if (!ins.isEmpty()) {
            out.add(new Redline.Op(Redline.INSERT, ins.toString()));
            ins.setLength(0);
        }
    }

    /** The redline as HTML: text escaped, line breaks kept, changes in {@code <del>}/{@code <ins>}. */
    static String html(Redline redline) {
        var out = new StringBuilder(1024).append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(redline.from()).append(" → ").append(redline.to()).append("</title><style>")
                .append(".redline{white-space:pre-wrap;font-family:\"Noto Sans SC\",sans-serif;line-height:1.6}")
                .append("ins{background:#d4f7d4;text-decoration:underline}del{background:#fbd5d5;color:#900}")
                .append("</style></head><body>");
        if (redline.coarse()) {
            out.append("<p class=\"coarse\">").append(COARSE_NOTICE).append("</p>");
        }
        out.append("<div class=\"redline\">");
        for (var op : redline.ops()) {
            String text = escape(op.text());
            switch (op.op()) {
                case Redline.INSERT -> out.append("<ins>").append(text).append("</ins>");
                case Redline.DELETE -> out.append("<del>").append(text).append("</del>");
                default -> out.append(text);
            }
        }
        out.append("</div>");
        if (!redline.fields().isEmpty()) {
            out.append("<table><tr><th>字段</th><th>修改前</th><th>修改后</th></tr>");
            for (var f : redline.fields()) {
                out.append("<tr><td>").append(escape(f.label())).append("</td><td>").append(escape(f.before()))
                        .append("</td><td>").append(escape(f.after())).append("</td></tr>");
            }
            out.append("</table>");
        }
        return out.append("</body></html>").toString();
    }

    /** The document language is Chinese, like the rendered contract this HTML sits beside. */
    static final String COARSE_NOTICE = "两个版本差异过大，部分段落按整段删除和新增显示。";

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> paragraphs(String text) {
        var out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}

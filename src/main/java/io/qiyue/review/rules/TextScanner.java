package io.qiyue.review.rules;

import io.qiyue.review.Clause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the matches of every pattern the text rules registered in one pass over each clause.
 * <p>
 * Each pattern is analysed once for the characters a match can start with (a literal, an alternation of
 * literals, a character class, {@code \d}, {@code \Q…\E}; leading look-arounds and {@code ^} are zero-width).
 * The scan walks the clause once; at a character that can start some pattern it tries only those patterns
 * there ({@link Matcher#lookingAt()} on a region with transparent bounds, so look-behinds see the text
 * before). Per pattern the next attempt starts at the end of its last match, exactly as repeated
 * {@link Matcher#find()} would, so the matches are those of a {@code find()} loop. Patterns whose first
 * characters cannot be determined (a leading {@code .}, {@code \p{…}}, an optional first atom, flags) are run
 * with a plain {@code find()} loop instead.
 * <p>
 * Register patterns while constructing rules, then {@link #freeze()}; a frozen scanner is immutable and
 * thread-safe. A {@link Scan} belongs to one review.
 */
public final class TextScanner {
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> starts = new ArrayList<>();
    /** Per pattern, words one of which every match contains (null: none known). */
    private final List<String[]> required = new ArrayList<>();
    /** char → ids of the patterns that can start with it, as a two-level table (high byte, low byte). */
    private int[][][] table;
    private int[] unanchored;
    private int[] guarded;

    /** Registers a pattern; the returned handle reads its matches from a {@link Scan}. */
    public int register(Pattern pattern) {
        return register(pattern, null);
    }

    /**
     * Registers a pattern every match of which contains one of the words of {@code requiredWords}, separated
     * by | (null when there are none): a clause without any of them is not scanned for the pattern at all. The
     * caller vouches for it.
     */
    public synchronized int register(Pattern pattern, String requiredWords) {
        if (table != null) {
            throw new IllegalStateException("scanner frozen");
        }
        patterns.add(pattern);
        starts.add(pattern.flags() == 0 ? FirstChars.of(pattern.pattern()) : null);
        required.add(requiredWords == null || requiredWords.isEmpty() ? null : requiredWords.split("\\|"));
        return patterns.size() - 1;
    }

    /** Builds the lookup table; no registration after this. */
    public synchronized TextScanner freeze() {
        int[][][] t = new int[256][][];
        var loose = new ArrayList<Integer>();
        for (int p = 0; p < patterns.size(); p++) {
            String s = starts.get(p);
            if (s == null) {
                loose.add(p);
                continue;
            }
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (s.indexOf(c) != k) {
                    continue;
                }
                int[][] page = t[c >>> 8];
                if (page == null) {
                    page = t[c >>> 8] = new int[256][];
                }
                int[] ids = page[c & 0xff];
                page[c & 0xff] = ids == null ? new int[]{p} : append(ids, p);
            }
        }
        this.unanchored = loose.stream().mapToInt(Integer::intValue).toArray();
        var withWords = new ArrayList<Integer>();
        for (int p = 0; p < required.size(); p++) {
            if (required.get(p) != null) {
                withWords.add(p);
            }
        }
        this.guarded = withWords.stream().mapToInt(Integer::intValue).toArray();
        this.table = t;
        return this;
    }

    private static boolean containsAny(String text, String[] words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The characters a match of the pattern can start with, or null when unknown (exposed for tests). */
    public static String firstCharacters(Pattern pattern) {
        return pattern.flags() == 0 ? FirstChars.of(pattern.pattern()) : null;
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** The matches of all patterns in these clauses, computed on first use. */
    public Scan scan(List<Clause> clauses) {
        if (table == null) {
            throw new IllegalStateException("scanner not frozen");
        }
        return new Scan(clauses);
    }

    /** The matches of one review's clauses: per clause, (pattern, start, end) triples. */
    public final class Scan {
        private static final int[] NONE = new int[0];
        private final List<Clause> clauses;
        private int[][] hits;
        private int[] clauseCounts;

        private Scan(List<Clause> clauses) {
            this.clauses = clauses;
        }

        public List<Clause> clauses() {
            return clauses;
        }

        private int[] hits(int clause) {
            if (hits == null) {
                run();
            }
            return hits[clause];
        }

        private void run() {
            int n = patterns.size();
            var matchers = new Matcher[n];
            int[] next = new int[n];
            int[][] all = new int[clauses.size()][];
            int[] buffer = new int[48];
            for (int ci = 0; ci < clauses.size(); ci++) {
                String text = clauses.get(ci).text();
                int len = text.length();
                int size = 0;
                Arrays.fill(next, 0);
                for (int p : guarded) {
                    if (!containsAny(text, required.get(p))) {
                        next[p] = Integer.MAX_VALUE; // no match can be in this clause
                    }
                }
                for (int i = 0; i < len; i++) {
                    char c = text.charAt(i);
                    int[][] page = table[c >>> 8];
                    if (page == null) {
                        continue;
                    }
                    int[] ids = page[c & 0xff];
                    if (ids == null) {
                        continue;
                    }
                    for (int p : ids) {
                        if (i < next[p]) {
                            continue;
                        }
                        Matcher m = matcher(matchers, p, text, ci);
                        m.region(i, len);
                        if (m.lookingAt()) {
                            int end = m.end();
                            if (end > i) {
                                if (size + 3 > buffer.length) {
                                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                                }
                                buffer[size++] = p;
                                buffer[size++] = i;
                                buffer[size++] = end;
                                next[p] = end;
                            } else {
                                next[p] = i + 1;
                            }
                        }
                    }
                }
                for (int p : unanchored) {
                    if (next[p] == Integer.MAX_VALUE) {
                        continue;
                    }
                    Matcher m = matcher(matchers, p, text, ci);
                    m.region(0, len);
                    while (m.find()) {
                        if (m.end() > m.start()) {
                            if (size + 3 > buffer.length) {
                                buffer = Arrays.copyOf(buffer, buffer.length * 2);
                            }
                            buffer[size++] = p;
                            buffer[size++] = m.start();
                            buffer[size++] = m.end();
                        }
                    }
                }
                all[ci] = size == 0 ? NONE : Arrays.copyOf(buffer, size);
            }
            this.hits = all;
        }

        private int[] textOwner;

        private Matcher matcher(Matcher[] matchers, int p, String text, int clause) {
            if (textOwner == null) {
                textOwner = new int[matchers.length];
            }
            Matcher m = matchers[p];
            if (m == null) {
                m = matchers[p] = patterns.get(p).matcher(text);
                m.useTransparentBounds(true).useAnchoringBounds(false);
                textOwner[p] = clause;
            } else if (textOwner[p] != clause) {
                m.reset(text);
                textOwner[p] = clause;
            }
            return m;
        }

        /** The matches of one pattern in a clause ({start, end} each), in order, as a find() loop gives them. */
        public List<int[]> matches(int clause, int pattern) {
            int[] h = hits(clause);
            List<int[]> out = null;
            for (int k = 0; k < h.length; k += 3) {
                if (h[k] == pattern) {
                    if (out == null) {
                        out = new ArrayList<>(4);
                    }
                    out.add(new int[]{h[k + 1], h[k + 2]});
                }
            }
            return out == null ? List.of() : out;
        }

        /**
         * The matches of several patterns in a clause, overlapping matches dropped (earliest first, then
         * longest): what {@link Texts#matches} gives for the same patterns.
         */
        public List<int[]> merged(int clause, int[] patterns) {
            int[] h = hits(clause);
            var found = new ArrayList<int[]>();
            for (int k = 0; k < h.length; k += 3) {
                for (int p : patterns) {
                    if (h[k] == p) {
                        found.add(new int[]{h[k + 1], h[k + 2]});
                        break;
                    }
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            found.sort((a, b) -> a[0] != b[0] ? a[0] - b[0] : b[1] - a[1]);
            var kept = new ArrayList<int[]>(found.size());
            int end = -1;
            for (int[] f : found) {
                if (f[0] >= end) {
                    kept.add(f);
                    end = f[1];
                }
            }
            return kept;
        }

        /** Whether the pattern matches in the clause. */
        public boolean any(int clause, int pattern) {
            int[] h = hits(clause);
            for (int k = 0; k < h.length; k += 3) {
                if (h[k] == pattern) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the pattern matches in any clause. */
        public boolean anyClause(int pattern) {
            for (int ci = 0; ci < clauses.size(); ci++) {
                if (any(ci, pattern)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The first-character analysis of a regular expression (a conservative subset of the syntax). */
    static final class FirstChars {
        private final String re;

        private FirstChars(String re) {
            this.re = re;
        }

        static String of(String re) {
            try {
                var set = new FirstChars(re).alternation(0, re.length());
                return set == null || set.isEmpty() ? null : set;
            } catch (RuntimeException e) {
                return null; // anything unexpected: scan without the shortcut
            }
        }

        private String alternation(int from, int to) {
            var out = new StringBuilder();
            int start = from;
            int i = from;
            while (i <= to) {
                if (i == to || re.charAt(i) == '|') {
                    String branch = sequence(start, i);
                    if (branch == null) {
                        return null;
                    }
                    out.append(branch);
                    start = i + 1;
                    i++;
                    continue;
                }
                i = skip(i);
            }
            return out.toString();
        }

        private String sequence(int from, int to) {
            int i = from;
            while (i < to) {
                char c = re.charAt(i);
                if (c == '^') {
                    i++;
                    continue;
                }
                if (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<=", i)
                        || re.startsWith("(?<!", i)) {
                    i = skip(i);
                    continue;
                }
                int end = skip(i);
                if (end > to) {
                    return null;
                }
                String first = atom(i, end);
                if (first == null) {
                    return null;
                }
                boolean quotedRun = re.startsWith("\\Q", i) && quotedLength(i, end) > 1;
                if (!quotedRun && end < to && optional(end)) {
                    return null;
                }
                return first;
            }
            return null; // an empty branch matches the empty string
        }

        private boolean optional(int q) {
            char c = re.charAt(q);
            if (c == '?' || c == '*') {
                return true;
            }
            if (c == '{') {
                int j = q + 1;
                int min = 0;
                boolean digits = false;
                while (j < re.length() && Character.isDigit(re.charAt(j))) {
                    min = min * 10 + (re.charAt(j) - '0');
                    digits = true;
                    j++;
                }
                return !digits || min == 0;
            }
            return false;
        }

        private int quotedLength(int i, int end) {
            int stop = re.indexOf("\\E", i + 2);
            return (stop < 0 ? end : stop) - (i + 2);
        }

        private String atom(int i, int end) {
            char c = re.charAt(i);
            switch (c) {
                case '(' -> {
                    if (re.startsWith("(?:", i)) {
                        return alternation(i + 3, end - 1);
                    }
                    if (re.startsWith("(?<", i)) {
                        int close = re.indexOf('>', i);
                        return close < 0 || close >= end ? null : alternation(close + 1, end - 1);
                    }
                    if (re.startsWith("(?", i)) {
                        return null;
                    }
                    return alternation(i + 1, end - 1);
                }
                case '[' -> {
                    return characterClass(i, end);
                }
                case '\\' -> {
                    char e = re.charAt(i + 1);
                    if (e == 'Q') {
                        return quotedLength(i, end) > 0 ? String.valueOf(re.charAt(i + 2)) : null;
                    }
                    if (e == 'd') {
                        return "0123456789";
                    }
                    return Character.isLetterOrDigit(e) ? null : String.valueOf(e);
                }
                case '.', '$', ')', '|', '*', '+', '?', '{' -> {
                    return null;
                }
                default -> {
                    return Character.isSurrogate(c) ? null : String.valueOf(c);
                }
            }
        }

        private String characterClass(int i, int end) {
            var out = new StringBuilder();
            int j = i + 1;
            if (re.charAt(j) == '^') {
                return null;
            }
            int close = end - 1;
            while (j < close) {
                char c = re.charAt(j);
                if (c == '[' || Character.isSurrogate(c) || re.startsWith("&&", j)) {
                    return null;
                }
                if (c == '\\') {
                    char e = re.charAt(j + 1);
                    if (e == 'd') {
                        out.append("0123456789");
                        j += 2;
                        continue;
                    }
                    if (Character.isLetterOrDigit(e)) {
                        return null;
                    }
                    c = e;
                    j++;
                }
                if (j + 2 < close && re.charAt(j + 1) == '-') {
                    char to = re.charAt(j + 2);
                    if (to == '\\' || to == '[' || Character.isSurrogate(to) || to < c || to - c > 512) {
                        return null;
                    }
                    for (char x = c; x <= to; x++) {
                        out.append(x);
                    }
                    j += 3;
                    continue;
                }
                out.append(c);
                j++;
            }
            return out.toString();
        }

        /** The index after the atom (or group, class, escape) starting at i. */
        private int skip(int i) {
            char c = re.charAt(i);
            if (c == '\\') {
                char e = re.charAt(i + 1);
                if (e == 'Q') {
                    int stop = re.indexOf("\\E", i + 2);
                    return stop < 0 ? re.length() : stop + 2;
                }
                if ((e == 'p' || e == 'P' || e == 'x' || e == 'N' || e == 'k') && i + 2 < re.length()
                        && re.charAt(i + 2) == '{' || e == 'k' && re.charAt(i + 2) == '<') {
                    return re.indexOf(e == 'k' && re.charAt(i + 2) == '<' ? '>' : '}', i) + 1;
                }
                if (e == 'u') {
                    return i + 6;
                }
                if (e == 'x') {
                    return i + 4;
                }
                if (e == 'p' || e == 'P') {
                    return i + 3;
                }
                return i + 2;
            }
            if (c == '[') {
                int j = i + 1;
                if (j < re.length() && re.charAt(j) == '^') {
                    j++;
                }
                if (j < re.length() && re.charAt(j) == ']') {
                    j++;
                }
                int depth = 1;
                while (j < re.length()) {
                    char d = re.charAt(j);
                    if (d == '\\') {
                        j += 2;
                        continue;
                    }
                    if (d == '[') {
                        depth++;
                    } else if (d == ']' && --depth == 0) {
                        return j + 1;
                    }
                    j++;
                }
                throw new IllegalArgumentException("unclosed class");
            }
            if (c == '(') {
                int j = i + 1;
                int depth = 1;
                while (j < re.length()) {
                    char d = re.charAt(j);
                    if (d == '\\' || d == '[') {
                        j = skip(j);
                        continue;
                    }
                    if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        return j + 1;
                    }
                    j++;
                }
                throw new IllegalArgumentException("unclosed group");
            }
            if (Character.isHighSurrogate(c)) {
                return i + 2;
            }
            return i + 1;
        }
    }
}

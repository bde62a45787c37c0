package io.qiyue.review.rules;

import io.qiyue.contract.ContractTerms;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers the rules share. */
final class Texts {
    private Texts() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    /** Whether the contract shares personal information (sensitive information is personal information too). */
    static boolean sharesPersonalInformation(ContractTerms t) {
        var shared = t.sharedInformation();
        return shared != null && (Boolean.TRUE.equals(shared.containsPersonalInformation())
                || Boolean.TRUE.equals(shared.containsSensitivePersonalInformation()));
    }

    /**
     * Whether a confidentiality agreement's confidential information includes personal information: its category, or
     * its scope saying so in words (其中包括客户的个人信息), not to exclude it (不包括个人信息).
     */
    static boolean confidentialPersonalInformation(ReviewSubject subject) {
        var info = subject.terms().confidentialInformation();
        if (subject.contract().type() != io.qiyue.contract.ContractType.CONFIDENTIALITY || info == null) {
            return false;
        }
        if (info.categories() != null
                && info.categories().contains(io.qiyue.contract.Terms.InformationCategory.PERSONAL_INFORMATION)) {
            return true;
        }
        String scope = info.description();
        if (blank(scope)) {
            return false;
        }
        Matcher m = PERSONAL_INFORMATION.matcher(scope);
        while (m.find()) {
            if (!NOT_INCLUDED.matcher(clausePart(scope, m.start(), m.end())).find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern PERSONAL_INFORMATION = Pattern.compile("个人信息(?!保护法)");
    private static final Pattern NOT_INCLUDED = Pattern.compile("不包括|不包含|不含|不涉及|不属于|除外|排除|并非|均非");

    /**
     * Whether the document says what {@code pattern} finds: in a clause, or in the words the template prints for every
     * contract (which the contract's own texts do not hold).
     */
    static boolean stated(ReviewSubject subject, Pattern pattern) {
        return anyClauseMatches(subject, pattern)
                || pattern.matcher(subject.suppliedByTemplate().getOrDefault("", "")).find();
    }

    static boolean anyClauseMatches(ReviewSubject subject, Pattern pattern) {
        for (Clause c : subject.clauses()) {
            if (pattern.matcher(c.text()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Compiles a list of regular expressions from the ruleset. */
    static List<Pattern> patterns(List<String> regexes) {
        return regexes.stream().map(Pattern::compile).toList();
    }

    /** Registers the regular expressions from the ruleset with the scanner; the handles, in order. */
    static int[] register(TextScanner scanner, List<String> regexes) {
        return register(scanner, regexes, (String) null);
    }

    /** Registers patterns every match of which contains one of {@code requiredWords} (see {@link TextScanner#register(Pattern, String)}). */
    static int[] register(TextScanner scanner, List<String> regexes, String requiredWords) {
        return register(scanner, regexes, java.util.Collections.nCopies(regexes.size(), requiredWords));
    }

    /** Registers patterns with the words each needs (null for none), pattern by pattern. */
    static int[] register(TextScanner scanner, List<String> regexes, List<String> requiredWords) {
        int[] out = new int[regexes.size()];
        for (int i = 0; i < out.length; i++) {
            String words = i < requiredWords.size() ? requiredWords.get(i) : null;
            if (words != null && java.util.Arrays.stream(words.split("\\|")).noneMatch(regexes.get(i)::contains)) {
                throw new IllegalStateException("pattern without any of " + words + ": " + regexes.get(i));
            }
            out[i] = scanner.register(Pattern.compile(regexes.get(i)), words);
        }
        return out;
    }

    /** Matches of all patterns in a text, overlapping matches dropped (earliest first, then longest). */
    static List<int[]> matches(String text, List<Pattern> patterns) {
        var found = new ArrayList<int[]>();
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    found.add(new int[]{m.start(), m.end()});
                }
            }
        }
        found.sort((a, b) -> a[0] != b[0] ? a[0] - b[0] : b[1] - a[1]);
        var kept = new ArrayList<int[]>();
        int end = -1;
        for (int[] f : found) {
            if (f[0] >= end) {
                kept.add(f);
                end = f[1];
            }
        }
        return kept;
    }

    /** A decimal for messages: at most two decimals, no trailing zeros. */
    private static final String SENTENCE_ENDS = "。；;！!？?\n";
    private static final String PART_ENDS = SENTENCE_ENDS + "，,";

    /** The sentence of {@code text} around {@code [start, end)}: from the previous 。；！？ (or the start) to the next. */
    static String sentence(String text, int start, int end) {
        return around(text, start, end, SENTENCE_ENDS);
    }

    /** Where the sentence holding position {@code at} starts. */
    static int sentenceStart(String text, int at) {
        return startBefore(text, at, SENTENCE_ENDS);
    }

    /** Where the part of a sentence (up to a comma) holding position {@code at} starts. */
    static int partStart(String text, int at) {
        return startBefore(text, at, PART_ENDS);
    }

    /** Whether a sentence ends just before {@code at} (and not merely a part of it). */
    static boolean sentenceEndsBefore(String text, int at) {
        return at > 0 && SENTENCE_ENDS.indexOf(text.charAt(at - 1)) >= 0;
    }

    private static int startBefore(String text, int at, String ends) {
        int from = at;
        while (from > 0 && ends.indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        return from;
    }

    private static String around(String text, int start, int end, String ends) {
        int to = end;
        while (to < text.length() && ends.indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return text.substring(startBefore(text, start, ends), to);
    }

    /**
     * A percentage known to be above {@code threshold}, with as many decimals (2, 4 or 6) as it takes to read as
     * above it: "30.000008", never "30" next to "above 30%".
     */
    static String percentAbove(BigDecimal percent, BigDecimal threshold) {
        for (int scale = 2; scale <= 6; scale += 2) {
            BigDecimal shown = percent.setScale(scale, RoundingMode.HALF_UP);
            if (shown.compareTo(threshold) > 0) {
                return stripped(shown);
            }
        }
        return stripped(percent.setScale(6, RoundingMode.UP));
    }

    private static String stripped(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    /** The words around {@code [start, end)} up to the nearest comma or sentence end on either side. */
    static String clausePart(String text, int start, int end) {
        return around(text, start, end, PART_ENDS);
    }

    /** Full-width digits and point (２０２７．５) as ASCII ones; everything else as it is. */
    static String halfWidthDigits(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c == '．' ? '.' : c);
        }
        return sb.toString();
    }

    static String plain(BigDecimal value) {
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    /** Money for messages: always two decimals. */
    static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}

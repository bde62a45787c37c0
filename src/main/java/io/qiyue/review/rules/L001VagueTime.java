package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QY-L001: vague time words (及时, 尽快 …; the list is data) with no number within a few characters. The
 * numbering a clause starts with (第三条, 三、, （二）, 3.1 — the pattern is data) is not a number of days:
 * in a document's paragraphs it would otherwise hide every vague word near the start. Nor are the numerals of
 * ordinary words (一方, 一致, 统一 …; data): "一方应及时通知另一方" has no time limit.
 */
final class L001VagueTime implements Rule {
    @Override
    public String id() {
        return "QY-L001";
    }

    private final int words;
    private final int window;
    private final String numerals;
    private final Pattern numbering;
    /** For each numeral, the ordinary words containing it and where: 一 → (一方, 0), (另一方, 1) … */
    private final java.util.Map<Character, List<Placed>> numeralWords = new java.util.HashMap<>();

    private record Placed(String word, int offset) {
    }

    L001VagueTime(RuleConfig config, TextScanner scanner) {
        this.words = scanner.register(config.wordPattern("words"));
        this.window = config.integer("numberWindow");
        this.numerals = config.parameter("numerals").asString();
        this.numbering = Pattern.compile(config.parameter("numbering").asString());
        for (String word : config.strings("numeralWords")) {
            for (int k = 0; k < word.length(); k++) {
                if (numerals.indexOf(word.charAt(k)) >= 0) {
                    numeralWords.computeIfAbsent(word.charAt(k), c -> new java.util.ArrayList<>()).add(new Placed(word, k));
                }
            }
        }
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            var hits = f.scan().matches(ci, words);
            if (hits.isEmpty()) {
                continue;
            }
            Matcher lead = numbering.matcher(text);
            int body = lead.lookingAt() ? lead.end() : 0;
            for (int[] m : hits) {
                // a number in an earlier part of the sentence sets another duty's time (甲方应在3日内付款，乙方应尽快修复);
                // one in the same part or a later one sets this duty's (及时响应，响应时间不超过30分钟)
                int from = Math.max(body, Texts.partStart(text, m[0]));
                if (atWill(text, m[0], m[1])) {
                    continue;
                }
                if (!numberNear(text, from, m[0], m[1]) && !deadlineInSentence(text, from, m[0], m[1])) {
                    f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "vague", text.substring(m[0], m[1]));
                }
            }
        }
    }

    /** Whether a digit or numeral lies within the window around [start, end), not counting anything before {@code body}. */
    private boolean numberNear(String text, int body, int start, int end) {
        for (int i = Math.max(body, start - window); i < Math.min(text.length(), end + window); i++) {
            if (i >= start && i < end) {
                continue;
            }
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= '０' && c <= '９') || (numerals.indexOf(c) >= 0 && !inWord(text, i))) {
                return true;
            }
        }
        return false;
    }

    /** 随时 before 解除/终止 a few characters on: a right to end the contract at will, not a vague time to perform. */
    private static final Pattern AT_WILL = Pattern.compile("随时[^。；;，,]{0,8}(?:解除|终止|退出)");

    private static boolean atWill(String text, int start, int end) {
        return text.startsWith("随时", start) && AT_WILL.matcher(text).region(start, text.length()).lookingAt();
    }

    private static final Pattern TIME_UNIT = Pattern.compile("分钟|小时|工作日|日|天|周|个月");

    /** 尽快（最迟不超过两个工作日）, 及时响应，响应时间不超过30分钟: the sentence sets the time limit itself. */
    private boolean deadlineInSentence(String text, int body, int start, int end) {
        int from = Texts.sentenceStart(text, start);
        String sentence = Texts.sentence(text, start, end);
        Matcher unit = TIME_UNIT.matcher(sentence);
        while (unit.find()) {
            int at = from + unit.start();
            if (at > body && numberNear(text, body, at, at) && !(at >= start && at < end)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the numeral at {@code i} belongs to an ordinary word (一方, 统一 …). */
    private boolean inWord(String text, int i) {
        for (Placed p : numeralWords.getOrDefault(text.charAt(i), List.of())) {
            int from = i - p.offset();
            if (from >= 0 && text.startsWith(p.word(), from)) {
                return true;
            }
        }
        return false;
    }
}

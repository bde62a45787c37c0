package io.qiyue.review;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suggestions a finding can apply by itself: the new value of the text or field at its path. Only the
 * simple cases: a vague time word replaced by a definite period, a 大写 amount rewritten from its figures,
 * a party name corrected to the registered one, a void exemption turned into liability according to law
 * (乙方不承担赔偿责任 → 乙方依法承担赔偿责任; the words around it stay), an arbitration commission written in full.
 */
final class Fixes {
    /**
     * Vague words (QY-L001) and the period that replaces them. A period needs the event it runs from: where
     * the words before it in the same part of the sentence name none (验收合格后, 自…之日起), the fix names one, so
     * 乙方应及时组织验收 reads 乙方应在收到对方书面通知后3个工作日内组织验收.
     */
    private static final Map<String, String> DEFINITE = Map.of(
            "及时", "在3个工作日内", "尽快", "在3个工作日内", "尽早", "在3个工作日内",
            "合理期限", "3个工作日", "合理时间", "3个工作日", "一段时间", "3个工作日", "适当时候", "3个工作日内");
    private static final String TRIGGER = "收到对方书面通知后";
    /** Words that say from when a period runs. */
    private static final Pattern HAS_TRIGGER = Pattern.compile("后|起|之日|届满|当日|以前|之前");
    // 随时 is left out: "甲方有权随时检查" grants a right at any time, and a deadline would take it away

    /** The exempting verbs QY-V004 can turn around, longest first, and what each becomes. */
    private static final Pattern EXEMPTING = Pattern.compile(
            "概不负责|不承担任何(?:法律)?责任|不承担任何|不承担|不负(?:任何)?责任|不负责|无[需须]承担任何|无[需须]承担|不予赔偿");

    /** What ends a part of a sentence: a comma or a sentence end. */
    private static final String PART_ENDS = "，,。；;";

    private Fixes() {
    }

    /** 在收到通知后及时处理 → 在收到通知后3个工作日内处理, not …后在3个工作日内…: one 在 per part of a sentence. */
    private static String withoutSecondZai(String text, int start, String replacement) {
        if (!replacement.startsWith("在")) {
            return replacement;
        }
        for (int i = start - 1; i >= 0 && PART_ENDS.indexOf(text.charAt(i)) < 0; i--) {
            if (text.charAt(i) == '在') {
                return replacement.substring(1);
            }
        }
        return replacement;
    }

    /** The period with the event it runs from, unless the part of the sentence before it already names one. */
    private static String withTrigger(String text, int start, String period) {
        int partStart = start;
        while (partStart > 0 && PART_ENDS.indexOf(text.charAt(partStart - 1)) < 0) {
            partStart--;
        }
        if (HAS_TRIGGER.matcher(text.substring(partStart, start)).find()) {
            return period;
        }
        return period.startsWith("在") ? "在" + TRIGGER + period.substring(1) : TRIGGER + period;
    }

    private static String lawful(String exempting) {
        if (exempting.equals("不负责")) {
            return "依法负责";
        }
        if (exempting.equals("不予赔偿")) {
            return "依法赔偿";
        }
        if (exempting.startsWith("不承担任何") && !exempting.endsWith("责任") || exempting.equals("不承担")
                || exempting.startsWith("无")) {
            return "依法承担";
        }
        return "依法承担责任";
    }

    /** Whether the finding offers a fix that can be applied without further input. */
    static boolean applicable(RawFinding f) {
        if (f.path() != null && f.path().startsWith(ReviewSubject.LIBRARY + "/")) {
            return false; // the clause library's words: an administrator changes them there, for every contract
        }
        return switch (f.messageCode()) {
            case "review.QY-L001.vague" -> f.span() != null && DEFINITE.containsKey(f.args().getFirst());
            case "review.QY-L003.invalidWithFigures", "review.QY-L005.mismatch" -> f.span() != null;
            // 甲方免除乙方…责任 has no verb to turn around: it needs rewording by hand
            case "review.QY-V004.exemption" -> f.span() != null && EXEMPTING.matcher(f.args().getFirst()).find();
            case "review.QY-V006.inaccurate" -> f.args().size() > 1 && !f.args().get(1).contains("、");
            default -> false;
        };
    }

    /**
     * The new value at the finding's path, given the current value there; empty when the text no longer
     * holds the words the finding was about.
     */
    static Optional<String> apply(RawFinding f, String current) {
        if (!applicable(f)) {
            return Optional.empty();
        }
        if (f.span() == null) {
            return Optional.of(f.args().get(1)); // a field set to the suggested value
        }
        int start = f.span().start();
        int end = f.span().end();
        if (current == null || end > current.length()) {
            return Optional.empty();
        }
        if (f.messageCode().equals("review.QY-V004.exemption")) {
            // every exempting verb from the finding's words to the end of their part of the sentence:
            // 不承担责任也不予赔偿 → 依法承担责任也依法赔偿
            int partEnd = end;
            while (partEnd < current.length() && PART_ENDS.indexOf(current.charAt(partEnd)) < 0) {
                partEnd++;
            }
            Matcher verb = EXEMPTING.matcher(current).region(start, partEnd);
            var out = new StringBuilder(current.length() + 8).append(current, 0, start);
            int copied = start;
            while (verb.find()) {
                out.append(current, copied, verb.start()).append(lawful(verb.group()));
                copied = verb.end();
            }
            return copied == start ? Optional.empty() : Optional.of(out.append(current.substring(copied)).toString());
        }
        String replacement = switch (f.messageCode()) {
            case "review.QY-L001.vague" -> withoutSecondZai(current, start,
                    withTrigger(current, start, DEFINITE.get(f.args().getFirst())));
            default -> f.args().get(1); // QY-L003, QY-L005: the correct words
        };
        return Optional.of(current.substring(0, start) + replacement + current.substring(end));
    }
}

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
    /** Vague words (QY-L001) and what replaces them; the result reads "乙方应在3个工作日内响应". */
    private static final Map<String, String> DEFINITE = Map.of(
            "及时", "在3个工作日内", "尽快", "在3个工作日内", "尽早", "在3个工作日内", "随时", "在3个工作日内",
            "合理期限", "3个工作日", "合理时间", "3个工作日", "一段时间", "3个工作日", "适当时候", "3个工作日内");

    /** The exempting verbs QY-V004 can turn around, longest first, and what each becomes. */
    private static final Pattern EXEMPTING = Pattern.compile(
            "概不负责|不承担任何(?:法律)?责任|不承担|不负(?:任何)?责任|不负责|免责|无[需须]承担任何|无[需须]承担|不予赔偿");

    private Fixes() {
    }

    private static String lawful(String exempting) {
        if (exempting.equals("不负责")) {
            return "依法负责";
        }
        if (exempting.equals("不予赔偿")) {
            return "依法赔偿";
        }
        if (exempting.equals("不承担") || exempting.startsWith("无")) {
            return "依法承担";
        }
        return "依法承担责任";
    }

    /** Whether the finding offers a fix that can be applied without further input. */
    static boolean applicable(RawFinding f) {
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
            Matcher verb = EXEMPTING.matcher(current).region(start, end);
            int at = -1;
            int to = -1;
            while (verb.find()) {
                at = verb.start();
                to = verb.end();
            }
            return at < 0 ? Optional.empty()
                    : Optional.of(current.substring(0, at) + lawful(current.substring(at, to)) + current.substring(to));
        }
        String replacement = switch (f.messageCode()) {
            case "review.QY-L001.vague" -> DEFINITE.get(f.args().getFirst());
            default -> f.args().get(1); // QY-L003, QY-L005: the correct words
        };
        return Optional.of(current.substring(0, start) + replacement + current.substring(end));
    }
}

package io.qiyue.review;

import java.util.Map;
import java.util.Optional;

/**
 * The suggestions a finding can apply by itself: the new value of the text or field at its path. Only the
 * simple cases: a vague time word replaced by a definite period, a 大写 amount rewritten from its figures,
 * a party name corrected to the registered one, a void exemption phrase deleted, an arbitration commission
 * written in full.
 */
final class Fixes {
    /** Vague words (QY-L001) and what replaces them; the result reads "乙方应在3个工作日内响应". */
    private static final Map<String, String> DEFINITE = Map.of(
            "及时", "在3个工作日内", "尽快", "在3个工作日内", "尽早", "在3个工作日内", "随时", "在3个工作日内",
            "合理期限", "3个工作日", "合理时间", "3个工作日", "一段时间", "3个工作日", "适当时候", "3个工作日内");

    private Fixes() {
    }

    /** Whether the finding offers a fix that can be applied without further input. */
    static boolean applicable(RawFinding f) {
        return switch (f.messageCode()) {
            case "review.QY-L001.vague" -> f.span() != null && DEFINITE.containsKey(f.args().getFirst());
            case "review.QY-L003.invalidWithFigures", "review.QY-L005.mismatch", "review.QY-V004.exemption" ->
                    f.span() != null;
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
        String replacement = switch (f.messageCode()) {
            case "review.QY-L001.vague" -> DEFINITE.get(f.args().getFirst());
            case "review.QY-L003.invalidWithFigures", "review.QY-L005.mismatch" -> f.args().get(1);
            default -> ""; // QY-V004: the exemption phrase is deleted
        };
        return Optional.of(current.substring(0, start) + replacement + current.substring(end));
    }
}

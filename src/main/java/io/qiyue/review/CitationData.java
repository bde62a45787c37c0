package io.qiyue.review;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A citation as the ruleset stores it, with the summary in both languages; localised into a {@link Citation}. In
 * English the law and its article are named in English too (民法典 第563条第2款 → Civil Code, Art. 563 para. 2): an
 * English reader was shown the Chinese names beside an English summary (outside tester).
 */
public record CitationData(String source, String article, String summary, String summaryEn) {
    private static final Map<String, String> SOURCES = Map.of(
            "民法典", "Civil Code",
            "个人信息保护法", "Personal Information Protection Law",
            "仲裁法", "Arbitration Law",
            "仲裁法解释", "SPC Interpretation of the Arbitration Law",
            "民事诉讼法", "Civil Procedure Law",
            "支付结算办法", "Measures on Payment and Settlement",
            "企业内部控制应用指引第16号——合同管理", "Internal Control Guideline No. 16 (Contract Management)");
    private static final Pattern NUMBERED = Pattern.compile("第([0-9一二三四五六七八九十]+)([条款项章])");
    private static final String NUMERALS = "一二三四五六七八九";

    public Citation localised(boolean english) {
        if (!english) {
            return new Citation(source, article, summary);
        }
        return new Citation(SOURCES.getOrDefault(source, source), articleInEnglish(article),
                summaryEn != null ? summaryEn : summary);
    }

    /** 第511条第4项、第5项 → Art. 511 item 4, item 5; 合同编通则解释第65条 → Contract Interpretation Art. 65. */
    static String articleInEnglish(String article) {
        if (article == null) {
            return null;
        }
        String text = article.replace("合同编通则解释", "SPC Interpretation on Contracts ").replace("附一", "Annex 1");
        Matcher m = NUMBERED.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String unit = switch (m.group(2)) {
                case "条" -> "Art. ";
                case "款" -> " para. ";
                case "项" -> " item ";
                default -> "Ch. ";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(unit + number(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace("、", ", ").replace("；", "; ").replace("至", " to ")
                .replaceAll(" {2,}", " ").replace(" ,", ",").strip();
    }

    private static String number(String digits) {
        if (digits.chars().allMatch(Character::isDigit)) {
            return digits;
        }
        int value = 0;
        int pending = 0;
        for (char c : digits.toCharArray()) {
            if (c == '十') {
                value += (pending == 0 ? 1 : pending) * 10;
                pending = 0;
            } else {
                pending = NUMERALS.indexOf(c) + 1;
            }
        }
        return String.valueOf(value + pending);
    }
}

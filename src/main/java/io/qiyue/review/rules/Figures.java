package io.qiyue.review.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Percentages and amounts of money as counterparty paper writes them, with where they stand: {@code 35%},
 * {@code 百分之四十}, {@code 千分之五}, {@code 万分之五}, {@code 人民币50,000元}, {@code 5万元}, {@code 壹万贰仟元整}.
 * Text rules read liquidated damages and deposits from them (QY-V001, QY-V002).
 */
final class Figures {
    private Figures() {
    }

    enum Kind { PERCENT, AMOUNT }

    /** One figure: a percentage (in percent: 万分之五 is 0.05) or an amount in yuan, at [start, end) of the text. */
    record Figure(Kind kind, BigDecimal value, int start, int end) {
    }

    private static final String NUMERALS = "零〇一二两三四五六七八九十百千万点壹贰貳叁肆伍陆陸柒捌玖拾佰仟萬";
    private static final Pattern PERCENT = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*[%％]|([百千万])分之([" + NUMERALS + "\\d.]+)");
    private static final Pattern AMOUNT = Pattern.compile(
            "(?:人民币|RMB|CNY|[¥￥])?\\s*(\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(万元|万|元)"
                    + "|(?:人民币)?([零壹贰貳叁肆伍陆陸柒捌玖拾佰仟万萬亿億]+)(?:元|圆)(?:[零壹贰叁肆伍陆柒捌玖]角)?"
                    + "(?:[零壹贰叁肆伍陆柒捌玖]分)?整?");

    /** Every percentage and amount in the text, in order of position. */
    static List<Figure> in(String text) {
        String s = Texts.halfWidthDigits(text);
        var out = new ArrayList<Figure>();
        Matcher m = PERCENT.matcher(s);
        while (m.find()) {
            BigDecimal value = m.group(1) != null ? new BigDecimal(m.group(1)) : per(m.group(2), m.group(3));
            if (value != null) {
                out.add(new Figure(Kind.PERCENT, value, m.start(), m.end()));
            }
        }
        m = AMOUNT.matcher(s);
        while (m.find()) {
            BigDecimal value;
            if (m.group(1) != null) {
                value = new BigDecimal(m.group(1).replace(",", "").replace("，", ""));
                if (m.group(2).startsWith("万")) {
                    value = value.multiply(BigDecimal.valueOf(10_000));
                }
            } else {
                value = number(m.group(3));
            }
            if (value != null && value.signum() > 0 && overlapsNone(out, m.start(), m.end())) {
                out.add(new Figure(Kind.AMOUNT, value, m.start(), m.end()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Figure::start));
        return out;
    }

    /** The sentences of a text as [start, end) pairs, split after 。；;！!？? and at line ends. */
    static List<int[]> sentences(String text) {
        var out = new ArrayList<int[]>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if ("。；;！!？?\n".indexOf(text.charAt(i)) >= 0) {
                if (i > start) {
                    out.add(new int[]{start, i + 1});
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(new int[]{start, text.length()});
        }
        return out;
    }

    private static boolean overlapsNone(List<Figure> figures, int start, int end) {
        return figures.stream().noneMatch(f -> f.start() < end && start < f.end());
    }

    /** 百分之四十 → 40; 千分之五 → 0.5; 万分之五 → 0.05. */
    private static BigDecimal per(String base, String numeral) {
        BigDecimal n = numeral.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                ? parseDecimal(numeral) : number(numeral);
        if (n == null) {
            return null;
        }
        return switch (base) {
            case "百" -> n;
            case "千" -> n.divide(BigDecimal.TEN, 10, RoundingMode.UNNECESSARY).stripTrailingZeros();
            default -> n.divide(BigDecimal.valueOf(100), 10, RoundingMode.UNNECESSARY).stripTrailingZeros();
        };
    }

    private static BigDecimal parseDecimal(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A number in Chinese numerals, lower or upper case, with an optional 点 fraction: 四十 → 40, 三十五 → 35,
     * 零点五 → 0.5, 壹万贰仟 → 12000, 一百 → 100. Null when it is not one.
     */
    static BigDecimal number(String numeral) {
        int point = numeral.indexOf('点');
        String whole = point < 0 ? numeral : numeral.substring(0, point);
        long total = 0;
        long section = 0;
        long digit = -1;
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            int d = digit(c);
            if (d >= 0) {
                digit = d;
                continue;
            }
            long unit = switch (c) {
                case '十', '拾' -> 10;
                case '百', '佰' -> 100;
                case '千', '仟' -> 1000;
                case '万', '萬' -> 10_000;
                case '亿', '億' -> 100_000_000;
                default -> -1;
            };
            if (unit < 0) {
                return null;
            }
            if (unit >= 10_000) {
                section = (section + Math.max(digit, 0)) * unit;
                total += section;
                section = 0;
            } else {
                section += (digit < 0 ? 1 : digit) * unit; // 十五: an implicit one before 十
            }
            digit = -1;
        }
        BigDecimal value = BigDecimal.valueOf(total + section + Math.max(digit, 0));
        if (point >= 0) {
            var fraction = new StringBuilder("0.");
            for (int i = point + 1; i < numeral.length(); i++) {
                int d = digit(numeral.charAt(i));
                if (d < 0) {
                    return null;
                }
                fraction.append(d);
            }
            if (fraction.length() == 2) {
                return null;
            }
            value = value.add(new BigDecimal(fraction.toString()));
        }
        return whole.isEmpty() && point < 0 ? null : value;
    }

    private static int digit(char c) {
        int i = "零一二三四五六七八九".indexOf(c);
        if (i >= 0) {
            return i;
        }
        i = "〇壹贰叁肆伍陆柒捌玖".indexOf(c);
        if (i >= 0) {
            return i;
        }
        return switch (c) {
            case '两' -> 2;
            case '貳' -> 2;
            case '陸' -> 6;
            default -> -1;
        };
    }
}

package io.qiyue.importing;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

/** The values of a cell as people write them in Chinese spreadsheets: dates in their common forms, amounts with ¥ and commas. */
final class ImportValues {
    /**
     * 2024/3/1, 2024年3月1日 or 号, also followed by a time of day as a spreadsheet writes a date-time cell into CSV
     * (2024/3/1 0:00, an outside tester's file).
     */
    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?"
            + "(?:\\s+(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    /** An Excel date-time cell read as ISO ({@code T}), or a database export's {@code 2027-01-05 00:00:00}. */
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)");

    private ImportValues() {
    }

    /**
     * 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, in full-width characters too (２０２４－０１－０５), or an
     * Excel date cell (read as ISO, with or without a time of day) or a database's 2024-01-05 00:00:00; null for
     * anything else, including days that do not exist (2024-02-30).
     */
    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = halfWidth(text).strip();
        try {
            var time = DATE_TIME.matcher(t);
            if (time.matches()) {
                return LocalDateTime.parse(time.group(1) + "T" + time.group(2)).toLocalDate();
            }
            var m = YMD.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** 1234.5, 1,234.50, ¥1,234.5, 1234.5元; null for anything else (negative amounts too). */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = halfWidth(text).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
                .replace("元", "").replace("RMB", "").replace("CNY", "").strip();
        var value = decimal(t);
        return value == null || value.scale() > 2 && value.stripTrailingZeros().scale() > 2 ? null : value;
    }

    /** Digits, a point and digits: no sign, no exponent — {@code 1e99999999} is ten bytes that expand to a gigabyte. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,20}(\\.\\d{1,20})?");

    /** A plain non-negative decimal as a spreadsheet shows one, else null (see {@link #DECIMAL}). */
    static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        String t = halfWidth(text).strip();
        return DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
    }

    /** A whole number from {@code min} to {@code max} as {@link #decimal} reads it (30, 30.0), else null. */
    static Integer whole(String text, int min, int max) {
        BigDecimal number = decimal(text);
        return number != null && number.stripTrailingZeros().scale() <= 0
                && number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0
                ? Integer.valueOf(number.intValue()) : null;
    }

    /**
     * Full-width letters, digits and signs (U+FF01–U+FF5E, what a Chinese IME types in its full-width mode) as their
     * ASCII forms, no-break and ideographic spaces as spaces (Excel and IMEs put them in). Only these of NFKC's
     * foldings: it would also read ² or ① as a digit, which a cell of numbers should not silently do.
     */
    static String halfWidth(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u00A0' || c == '\u3000' || c == '\u202F') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A header as it is compared with the known names: no spaces, no required marks, lower case. */
    static String headerKey(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").replaceAll("[\\s*＊]", "")
                .replaceAll("[(（](必填|选填|可选|required|optional)[)）]", "").toLowerCase(java.util.Locale.ROOT);
    }
}

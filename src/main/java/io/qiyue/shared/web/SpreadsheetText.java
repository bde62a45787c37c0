package io.qiyue.shared.web;

/**
 * The one rule for text that leaves Qiyue in a spreadsheet (CSV and XLSX exports, the audit CSV): a value that
 * Excel, LibreOffice or Google Sheets would read as a formula — starting with = + - @, or with a tab or carriage
 * return that some of them skip before one, also after leading spaces — must stay text. Names, titles and
 * audit values come from users and from imported files; opening an export must never run them (CSV injection).
 */
public final class SpreadsheetText {
    private SpreadsheetText() {
    }

    /** Whether a spreadsheet could take this text for a formula. */
    public static boolean looksLikeFormula(String value) {
        if (value == null) {
            return false;
        }
        int i = 0;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        if (i == value.length()) {
            return false;
        }
        char first = value.charAt(i);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\n';
    }

    /** The text as a CSV cell holds it: an apostrophe before a formula, then RFC 4180 quoting when needed. */
    public static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = looksLikeFormula(value) ? "'" + value : value;
        return quoted(safe);
    }

    /** RFC 4180 quoting only (for values Qiyue wrote itself, such as numbers and dates): no apostrophe. */
    public static String quoted(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

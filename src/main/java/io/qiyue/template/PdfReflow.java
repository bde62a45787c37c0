package io.qiyue.template;

import java.util.regex.Pattern;

/**
 * A PDF's text layer is lines as laid out on the page; review reads sentences. Joins the lines of a paragraph
 * again, so that a line break inside a sentence or an amount (…壹万贰仟元整 / （¥12,000.00）) hides nothing from
 * the text rules, and drops page numbers. A paragraph ends where a line ends a sentence (。；！？ or a colon) or
 * the next line starts a heading, an article, a numbered clause, a list item, an instalment row or a label
 * (第三条, 一、, （二）, 1., 3.4, 第2期, 甲方：).
 */
final class PdfReflow {
    private PdfReflow() {
    }

    private static final String ENDS = "。；;！!？?：:";
    private static final Pattern PAGE_FURNITURE = Pattern.compile(
            "[-—–\\s]*\\d{1,4}[-—–\\s]*|第\\s*\\d+\\s*页(?:\\s*[/，,]?\\s*共\\s*\\d+\\s*页)?|\\d+\\s*/\\s*\\d+"
                    + "|(?i:page)\\s*\\d+(?:\\s*(?i:of)\\s*\\d+)?");
    private static final String NUMERAL = "[一二三四五六七八九十百零〇]+";
    private static final Pattern STARTS_PARAGRAPH = Pattern.compile(
            "(?:第(?:" + NUMERAL + "|\\d+)[条章节款部分期]|" + NUMERAL + "[、.．]|[（(](?:" + NUMERAL + "|\\d{1,2})[）)]"
                    + "|\\d{1,2}(?:\\.\\d{1,2})*[、．.](?!\\d)|\\d{1,2}(?:\\.\\d{1,2})+[\\s\u3000]|[•·●■◆\\-–—]\\s"
                    + "|[\\p{IsHan}A-Za-z（）()]{1,12}[：:]).*");
    /** A heading on a line of its own: 第三条 违约责任, 三、保密 (short, no sentence in it). */
    private static final Pattern HEADING = Pattern.compile(
            "(?:第(?:" + NUMERAL + "|\\d+)[条章节]|" + NUMERAL + "、)[^，。；;,]{0,18}");

    /** The text with one line per paragraph (lines end with {@code \n}), page numbers left out. */
    static String reflow(String pageText) {
        var out = new StringBuilder(pageText.length());
        var paragraph = new StringBuilder();
        for (String raw : pageText.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || PAGE_FURNITURE.matcher(line).matches()) {
                continue;
            }
            if (!paragraph.isEmpty() && startsNew(paragraph, line)) {
                out.append(paragraph).append('\n');
                paragraph.setLength(0);
            }
            if (!paragraph.isEmpty() && latin(paragraph.charAt(paragraph.length() - 1)) && latin(line.charAt(0))) {
                paragraph.append(' ');
            }
            paragraph.append(line);
        }
        if (!paragraph.isEmpty()) {
            out.append(paragraph).append('\n');
        }
        return out.toString();
    }

    private static boolean startsNew(CharSequence paragraph, String next) {
        char last = paragraph.charAt(paragraph.length() - 1);
        return ENDS.indexOf(last) >= 0 || STARTS_PARAGRAPH.matcher(next).matches()
                || HEADING.matcher(paragraph).matches();
    }

    private static boolean latin(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}

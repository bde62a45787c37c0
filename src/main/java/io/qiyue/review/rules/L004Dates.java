package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QY-L004: the end is not before the start; dates written in the text exist, and those that state the
 * contract's term agree with the structured start and end. A date states the term when its sentence speaks of
 * the contract or its term ({@code termContext}) and of nothing else with dates of its own — a phase, a
 * delivery, a payment, a confidentiality period ({@code otherContext}); it is the start when 自/从 precede it,
 * 起/开始/生效 follow it or another date follows after 至, and the end when 至/到/截至 precede it or
 * 止/届满 follow it. Dates are read as 2027年1月1日, 2027-01-01, 2027.1.1, 2027/1/1, with full-width digits,
 * and as 二〇二七年一月一日.
 */
final class L004Dates implements Rule {
    @Override
    public String id() {
        return "QY-L004";
    }

    private static final String DIGIT = "[0-9０-９]";
    private static final String CHINESE = "[〇○零一二三四五六七八九十]";
    private static final Pattern DATE = Pattern.compile(
            "(?<!" + DIGIT + ")(" + DIGIT + "{4})\\s*年\\s*(" + DIGIT + "{1,2})\\s*月\\s*(" + DIGIT + "{1,2})\\s*日"
                    + "|(?<!" + DIGIT + ")(" + DIGIT + "{4})[-./／－](" + DIGIT + "{1,2})[-./／－](" + DIGIT + "{1,2})(?!"
                    + DIGIT + ")"
                    + "|(?<!" + CHINESE + ")([〇○零一二三四五六七八九]{4})年(" + CHINESE + "{1,3})月(" + CHINESE + "{1,3})日");
    private static final Pattern RANGE_TO_DATE = Pattern.compile("^\\s*(?:至|到|—|－|-|~|～)\\s*(?:" + DIGIT + "|[〇○零一二三四五六七八九])");
    private final Pattern startBefore;
    private final Pattern startAfter;
    private final Pattern endBefore;
    private final Pattern endAfter;
    private final Pattern termContext;
    private final Pattern otherContext;
    private final int dates;

    L004Dates(RuleConfig config, TextScanner scanner) {
        this.dates = scanner.register(DATE);
        this.startBefore = Pattern.compile("(?:" + config.parameter("startBefore").asString() + ")\\s*$");
        this.startAfter = Pattern.compile("^\\s*(?:" + config.parameter("startAfter").asString() + ")");
        this.endBefore = Pattern.compile("(?:" + config.parameter("endBefore").asString() + ")\\s*$");
        this.endAfter = Pattern.compile("^\\s*(?:" + config.parameter("endAfter").asString() + ")");
        this.termContext = Pattern.compile(config.parameter("termContext").asString());
        this.otherContext = Pattern.compile(config.parameter("otherContext").asString());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var c = s.contract();
        if (c.startDate() != null && c.endDate() != null && c.endDate().isBefore(c.startDate())) {
            f.report(Severity.BLOCKER, "/endDate", "order", c.endDate(), c.startDate());
        }
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            var hits = f.scan().matches(ci, dates);
            if (hits.isEmpty()) {
                continue;
            }
            Matcher m = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int[] hit : hits) {
                if (!m.region(hit[0], text.length()).lookingAt()) {
                    continue; // cannot happen: the scanner found this match here
                }
                int g = m.group(1) != null ? 1 : m.group(4) != null ? 4 : 7;
                LocalDate date;
                try {
                    date = LocalDate.of(number(m.group(g)), number(m.group(g + 1)), number(m.group(g + 2)));
                } catch (DateTimeException | NumberFormatException e) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "invalid", m.group());
                    continue;
                }
                String sentence = Texts.sentence(text, m.start(), m.end());
                if (!termContext.matcher(sentence).find() || otherContext.matcher(sentence).find()) {
                    continue;
                }
                String before = text.substring(Math.max(0, m.start() - 4), m.start());
                String after = text.substring(m.end(), Math.min(text.length(), m.end() + 4));
                boolean start = startBefore.matcher(before).find() || startAfter.matcher(after).find()
                        || RANGE_TO_DATE.matcher(after).find();
                boolean end = endBefore.matcher(before).find() || endAfter.matcher(after).find();
                if (start && !end && c.startDate() != null && !date.equals(c.startDate())) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "start", m.group(), c.startDate());
                } else if (end && !start && c.endDate() != null && !date.equals(c.endDate())) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "end", m.group(), c.endDate());
                }
            }
        }
    }

    /** 2027, ２０２７, 二〇二七 (digit by digit), 十二, 二十一, 三十: the number written. */
    static int number(String written) {
        if (written.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９'))) {
            int n = 0;
            for (int i = 0; i < written.length(); i++) {
                char ch = written.charAt(i);
                n = n * 10 + (ch >= '０' ? ch - '０' : ch - '0');
            }
            return n;
        }
        int ten = written.indexOf('十');
        if (ten < 0) {
            int n = 0;
            for (int i = 0; i < written.length(); i++) {
                n = n * 10 + digit(written.charAt(i));
            }
            return n;
        }
        if (written.indexOf('十', ten + 1) >= 0) {
            throw new NumberFormatException(written);
        }
        int tens = ten == 0 ? 1 : single(written.substring(0, ten));
        int units = ten == written.length() - 1 ? 0 : single(written.substring(ten + 1));
        return tens * 10 + units;
    }

    private static int single(String s) {
        if (s.length() != 1) {
            throw new NumberFormatException(s);
        }
        return digit(s.charAt(0));
    }

    private static int digit(char ch) {
        int d = "〇一二三四五六七八九".indexOf(ch);
        if (d < 0) {
            d = "零一二三四五六七八九".indexOf(ch);
        }
        if (d < 0 && ch == '○') {
            d = 0;
        }
        if (d < 0) {
            throw new NumberFormatException(String.valueOf(ch));
        }
        return d;
    }
}

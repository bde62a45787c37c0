package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QY-L004: the end is not before the start; dates written in the text exist, and those that state the
 * contract's term agree with the structured start and end. A date states the term when, in its part of the
 * sentence (up to the previous comma), it follows a naming of the term ({@code termContext}: 本合同, 合同期限,
 * 服务期限 …) with nothing but 自/为/：or a start date and 至 between them — 本合同期限：2027年1月1日至2027年12月31日,
 * 本合同自2027年1月1日起生效，至2027年12月31日止 — and not when the sentence merely mentions the contract
 * (本合同约定的优惠价格有效期至…, 本合同项下的质保期至…). It is the start when 自/从 precede it, 起/开始/生效 follow it
 * or another date follows after 至, and the end when 至/到/截至 precede it or 止/届满 follow it. Dates are read as
 * 2027年1月1日, 2027-01-01, 2027.1.1, 2027/1/1, with full-width digits, and as 二〇二七年一月一日.
 */
final class L004Dates implements Rule {
    @Override
    public String id() {
        return "QY-L004";
    }

    private static final String DIGIT = "[0-9０-９]";
    private static final String CHINESE = "[〇○零一二三四五六七八九十]";
    /**
     * The ways a date is written: in figures (2027年1月1日 or 2027-01-01, 2027.1.1, 2027/1/1; year in group 1,
     * month and day in groups 2 and 3 or 4 and 5) and in Chinese numerals (groups 1 to 3). Two patterns, so that
     * the scanner tries each only where it can start.
     */
    private static final List<Pattern> DATES = List.of(
            Pattern.compile("(?<!" + DIGIT + ")(" + DIGIT + "{4})(?:\\s*年\\s*(" + DIGIT + "{1,2})\\s*月\\s*(" + DIGIT
                    + "{1,2})\\s*日|[-./／－](" + DIGIT + "{1,2})[-./／－](" + DIGIT + "{1,2})(?!" + DIGIT + "))"),
            Pattern.compile("(?<!" + CHINESE + ")([〇○零一二三四五六七八九]{4})年(" + CHINESE + "{1,3})月(" + CHINESE
                    + "{1,3})日"));

    private static final String ANY_DATE = "(?:" + DIGIT + "{4}\\s*年\\s*" + DIGIT + "{1,2}\\s*月\\s*" + DIGIT + "{1,2}\\s*日|"
            + DIGIT + "{4}[-./／－]" + DIGIT + "{1,2}[-./／－]" + DIGIT + "{1,2}|[〇○零一二三四五六七八九]{4}年" + CHINESE
            + "{1,3}月" + CHINESE + "{1,3}日)";
    /**
     * What may stand between the naming of the term and its date: 自, 为, ：, the start date and 至, or 至 alone
     * (本合同有效期至2028年6月30日止).
     */
    private static final Pattern TERM_GAP = Pattern.compile("^[\\s:：为是自从于]*(?:(?:" + ANY_DATE
            + "\\s*(?:起|开始)?\\s*)?(?:至|到|截至|—|－|-|~|～)\\s*)?$");
    private static final Pattern FIRST_DATE = Pattern.compile(ANY_DATE);
    /**
     * A period of performance stated in a clause: 自A起至B止 (or A至B) followed, within the same part of the sentence,
     * by the act (乙方应自2026年6月1日起至2026年12月31日止提供服务). Group 1 and 2 are the two dates.
     */
    private static final Pattern PERFORMANCE = Pattern.compile("(?:自|从)?\\s*(" + ANY_DATE + ")\\s*(?:起|开始)?\\s*"
            + "(?:至|到|—|－|~|～)\\s*(" + ANY_DATE + ")\\s*(?:止)?[^。；;，,]{0,8}?(?:提供|履行|完成|交付|开展|实施)");
    private static final Pattern CONTINUES_TERM = Pattern.compile("^\\s*(?:至|到|截至)\\s*$");
    private static final Pattern RANGE_TO_DATE = Pattern.compile("^\\s*(?:至|到|—|－|-|~|～)\\s*(?:" + DIGIT + "|[〇○零一二三四五六七八九])");
    private final Pattern startBefore;
    private final Pattern startAfter;
    private final Pattern endBefore;
    private final Pattern endAfter;
    private final Pattern termContext;
    private final Pattern notTheTerm;
    private final int[] dates;

    L004Dates(RuleConfig config, TextScanner scanner) {
        this.dates = DATES.stream().mapToInt(scanner::register).toArray();
        this.startBefore = Pattern.compile("(?:" + config.parameter("startBefore").asString() + ")\\s*$");
        this.startAfter = Pattern.compile("^\\s*(?:" + config.parameter("startAfter").asString() + ")");
        this.endBefore = Pattern.compile("(?:" + config.parameter("endBefore").asString() + ")\\s*$");
        this.endAfter = Pattern.compile("^\\s*(?:" + config.parameter("endAfter").asString() + ")");
        this.termContext = Pattern.compile(config.parameter("termContext").asString());
        this.notTheTerm = Pattern.compile(config.parameter("notTheTerm").asString());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var c = s.contract();
        if (c.startDate() != null && c.endDate() != null && c.endDate().isBefore(c.startDate())) {
            f.report(Severity.BLOCKER, "/endDate", "order", c.endDate(), c.startDate());
        }
        // the header prints the day of signing: a contract signed after its term has ended says two things
        var signing = s.terms().signing();
        if (signing != null && signing.date() != null && c.endDate() != null && signing.date().isAfter(c.endDate())) {
            f.report(Severity.BLOCKER, "/terms/signing/date", "signedAfterEnd", signing.date(), c.endDate());
        } else if (signing != null && signing.date() != null && s.beforeSigning()
                && signing.date().isBefore(s.reviewDate())) {
            // the text is frozen for signing as it is: a day already past cannot be the day it is signed (outside
            // tester: the printed 签订日期 disagreed with the day the contract was signed)
            f.report(Severity.WARNING, "/terms/signing/date", "signingDatePast", signing.date(), s.reviewDate());
        }
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            int found = 0;
            for (int form = 0; form < dates.length; form++) {
                var hits = f.scan().matches(ci, dates[form]);
                found += hits.size();
                if (!hits.isEmpty()) {
                    check(c, clause, DATES.get(form).matcher(text).useTransparentBounds(true).useAnchoringBounds(false),
                            hits, f);
                }
            }
            if (found >= 2 && c.startDate() != null && c.endDate() != null) {
                checkPerformance(c, clause, f);
            }
        }
    }

    private void check(io.qiyue.contract.Contract c, Clause clause, Matcher m, List<int[]> hits, Findings f) {
        String text = clause.text();
        for (int[] hit : hits) {
            if (!m.region(hit[0], text.length()).lookingAt()) {
                continue; // cannot happen: the scanner found this match here
            }
            LocalDate date;
            try {
                int g = m.groupCount() > 3 && m.group(2) == null ? 4 : 2;
                date = LocalDate.of(number(m.group(1)), number(m.group(g)), number(m.group(g + 1)));
            } catch (DateTimeException | NumberFormatException e) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "invalid", m.group());
                continue;
            }
            String before = text.substring(Math.max(0, m.start() - 4), m.start());
            String after = text.substring(m.end(), Math.min(text.length(), m.end() + 4));
            boolean start = startBefore.matcher(before).find() || startAfter.matcher(after).find()
                    || RANGE_TO_DATE.matcher(after).find();
            boolean end = endBefore.matcher(before).find() || endAfter.matcher(after).find();
            if (start == end || !statesTerm(text, m.start())) {
                continue;
            }
            if (start && c.startDate() != null && !date.equals(c.startDate())) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "start", m.group(), c.startDate());
            } else if (end && c.endDate() != null && !date.equals(c.endDate())) {
                f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "end", m.group(), c.endDate());
            }
        }
    }

    /**
     * A period of performance that is not the term's statement but runs outside it: what is done before the start
     * or after the end has no footing in the contract (outside tester: services from June in a contract of the next
     * year went unnoticed). Periods that are by nature another (质保, 免费维保, 续签 …: {@code notTheTerm}) are not read.
     */
    private void checkPerformance(io.qiyue.contract.Contract c, Clause clause, Findings f) {
        String text = clause.text();
        Matcher m = PERFORMANCE.matcher(text);
        while (m.find()) {
            if (statesTerm(text, m.start(1)) || notTheTerm.matcher(Texts.sentence(text, m.start(), m.end())).find()) {
                continue;
            }
            LocalDate from = date(m.group(1));
            LocalDate to = date(m.group(2));
            if (from != null && to != null && (from.isBefore(c.startDate()) || to.isAfter(c.endDate()))) {
                f.reportSpan(Severity.WARNING, clause.id(), m.start(1), m.end(2), "outsideTerm",
                        text.substring(m.start(1), m.end(2)), c.startDate(), c.endDate());
            }
        }
    }

    /** The date written, or null when it is none (an invalid date is reported where it is read). */
    private static LocalDate date(String written) {
        for (Pattern form : DATES) {
            Matcher m = form.matcher(written);
            if (m.find()) {
                try {
                    int g = m.groupCount() > 3 && m.group(2) == null ? 4 : 2;
                    return LocalDate.of(number(m.group(1)), number(m.group(g)), number(m.group(g + 1)));
                } catch (DateTimeException | NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether the date at {@code at} states the term (see the class comment). */
    private boolean statesTerm(String text, int at) {
        int from = Texts.partStart(text, at);
        String lead = text.substring(from, at);
        if (namesTerm(lead)) {
            return true;
        }
        // 本合同自2027年1月1日起生效，至2027年12月31日止: the end continues the previous part
        if (from == 0 || !CONTINUES_TERM.matcher(lead).matches() || Texts.sentenceEndsBefore(text, from)) {
            return false;
        }
        int previous = Texts.partStart(text, from - 1);
        Matcher date = FIRST_DATE.matcher(text).region(previous, from - 1);
        return date.find() && namesTerm(text.substring(previous, date.start()));
    }

    /** Whether {@code lead} ends with a naming of the term and what may follow it before a date. */
    private boolean namesTerm(String lead) {
        if (notTheTerm.matcher(lead).find()) { // 续签后的服务期限, 驻场服务期, 免费维保服务期限: another period
            return false;
        }
        Matcher cue = termContext.matcher(lead);
        int end = -1;
        while (cue.find()) {
            end = cue.end();
        }
        return end >= 0 && TERM_GAP.matcher(lead.substring(end)).matches();
    }

    /** 2027, ２０２７, 二〇二七 (digit by digit), 十二, 二十一, 三十: the number written. */
    static int number(String written) {
        String ascii = Texts.halfWidthDigits(written);
        if (ascii.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Integer.parseInt(ascii);
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

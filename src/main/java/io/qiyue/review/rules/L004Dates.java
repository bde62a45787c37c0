package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QY-L004: the end is not before the start; dates written in the text exist and agree with the structured start and end. */
final class L004Dates implements Rule {
    @Override
    public String id() {
        return "QY-L004";
    }

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日|(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private final Pattern startBefore;
    private final Pattern startAfter;
    private final Pattern endBefore;
    private final Pattern endAfter;
    private final int dates;

    L004Dates(RuleConfig config, TextScanner scanner) {
        this.dates = scanner.register(DATE);
        this.startBefore = Pattern.compile("(?:" + config.parameter("startBefore").asString() + ")\\s*$");
        this.startAfter = Pattern.compile("^\\s*(?:" + config.parameter("startAfter").asString() + ")");
        this.endBefore = Pattern.compile("(?:" + config.parameter("endBefore").asString() + ")\\s*$");
        this.endAfter = Pattern.compile("^\\s*(?:" + config.parameter("endAfter").asString() + ")");
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
                int g = m.group(1) != null ? 1 : 4;
                LocalDate date;
                try {
                    date = LocalDate.of(Integer.parseInt(m.group(g)), Integer.parseInt(m.group(g + 1)),
                            Integer.parseInt(m.group(g + 2)));
                } catch (DateTimeException e) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "invalid", m.group());
                    continue;
                }
                String before = text.substring(Math.max(0, m.start() - 4), m.start());
                String after = text.substring(m.end(), Math.min(text.length(), m.end() + 4));
                boolean start = startBefore.matcher(before).find() || startAfter.matcher(after).find();
                boolean end = endBefore.matcher(before).find() || endAfter.matcher(after).find();
                if (start && !end && c.startDate() != null && !date.equals(c.startDate())) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "start", m.group(), c.startDate());
                } else if (end && !start && c.endDate() != null && !date.equals(c.endDate())) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), m.start(), m.end(), "end", m.group(), c.endDate());
                }
            }
        }
    }
}

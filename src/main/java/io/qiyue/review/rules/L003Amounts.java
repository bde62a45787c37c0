package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.template.ChineseAmounts;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QY-L003: amounts written in 大写 with figures agree with each other and with the money field of their clause. */
final class L003Amounts implements Rule {
    @Override
    public String id() {
        return "QY-L003";
    }

    private static final Pattern CAPITALS = Pattern.compile("[" + ChineseAmounts.CHARACTERS + "]{2,}");
    private static final Pattern FIGURES = Pattern.compile(
            "^\\s*[（(]\\s*(?:人民币|RMB)?\\s*[¥￥]?\\s*([0-9][0-9,，]*(?:\\.[0-9]{1,2})?)\\s*元?\\s*[）)]");
    private static final Pattern SCHEDULE = Pattern.compile("^/terms/payment/schedule/(\\d+)/description$");

    private final int capitals;

    L003Amounts(TextScanner scanner) {
        this.capitals = scanner.register(CAPITALS);
    }

    private record Amount(int start, int end, String capitals, BigDecimal value, BigDecimal figures, int figuresEnd) {
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            String text = clause.text();
            var hits = f.scan().matches(ci, capitals);
            if (hits.isEmpty()) {
                continue;
            }
            var amounts = new ArrayList<Amount>();
            Matcher fig = FIGURES.matcher(text);
            for (int[] hit : hits) {
                int start = hit[0];
                int end = hit[1];
                String run = text.substring(start, end);
                if (!looksLikeAmount(run)) {
                    continue;
                }
                fig.region(end, text.length());
                BigDecimal figures = null;
                int figuresEnd = end;
                if (fig.lookingAt()) {
                    figures = new BigDecimal(fig.group(1).replace(",", "").replace("，", ""));
                    figuresEnd = fig.end();
                }
                BigDecimal value = null;
                try {
                    value = ChineseAmounts.parse(run);
                } catch (ChineseAmounts.InvalidAmountException invalid) {
                    if (figures != null) {
                        f.reportSpan(Severity.BLOCKER, clause.id(), start, end, "invalidWithFigures", run,
                                ChineseAmounts.format(figures.setScale(2, java.math.RoundingMode.HALF_UP)));
                    } else {
                        f.reportSpan(Severity.BLOCKER, clause.id(), start, end, "invalid", run);
                    }
                }
                if (value != null && figures != null && value.compareTo(figures) != 0) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), start, figuresEnd, "mismatch", run,
                            Texts.money(figures));
                }
                amounts.add(new Amount(start, end, run, value, figures, figuresEnd));
            }
            BigDecimal field = field(s, clause.id());
            if (field != null && amounts.size() == 1) {
                Amount a = amounts.getFirst();
                BigDecimal written = a.value() != null ? a.value() : a.figures();
                if (written != null && written.compareTo(field) != 0) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), a.start(), a.figuresEnd(), "field",
                            Texts.money(written), Texts.money(field));
                }
            }
        }
    }

    /** A run of 大写 characters is an amount when it has a digit and a money unit (not 万元 alone). */
    private static boolean looksLikeAmount(String run) {
        boolean digit = false;
        boolean unit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if ("壹贰貳叁肆伍陆陸柒捌玖".indexOf(c) >= 0) {
                digit = true;
            }
            if ("元圆圓角分".indexOf(c) >= 0) {
                unit = true;
            }
        }
        return (digit && unit) || run.startsWith("零元");
    }

    /** The money field a clause states in words: fixed liquidated damages, or an instalment's amount. */
    private static BigDecimal field(ReviewSubject s, String clauseId) {
        var t = s.terms();
        if (clauseId.equals("/terms/breach/description") && t.breach() != null
                && t.breach().liquidatedDamages() != null
                && t.breach().liquidatedDamages().basis() == Terms.DamagesBasis.FIXED) {
            return t.breach().liquidatedDamages().value();
        }
        Matcher m = SCHEDULE.matcher(clauseId);
        if (m.matches() && t.payment() != null && t.payment().schedule() != null) {
            int i = Integer.parseInt(m.group(1));
            List<Terms.Instalment> schedule = t.payment().schedule();
            if (i < schedule.size() && schedule.get(i) != null && schedule.get(i).amount() != null) {
                return schedule.get(i).amount().value();
            }
        }
        return null;
    }
}

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
    /** Possessive, so that 90,000.00 is never read as 90 with ",000.00…" taken for a remark. */
    private static final String NUMBER = "([0-9０-９][0-9０-９,，]*+(?:[.．][0-9０-９]{1,2})?+)(?![0-9０-９])";
    /** Figures in brackets after the 大写: （¥120,000.00）, （小写：人民币120000元）, （￥150,000.00元，含税）, （¥1,200.00/人天）. */
    private static final Pattern FIGURES = Pattern.compile(
            "^\\s*[（(]\\s*(?:小写\\s*[:：]?\\s*)?(?:人民币|RMB)?\\s*[¥￥]?\\s*" + NUMBER
                    + "\\s*(万)?[^（()）0-9０-９]{0,12}[）)]");
    /** Figures before the 大写 in brackets: ¥90,000.00元（大写：人民币玖万元整）. */
    private static final Pattern FIGURES_BEFORE = Pattern.compile(
            "(?:人民币|RMB)?\\s*([¥￥])?\\s*" + NUMBER + "\\s*(元)?\\s*[（(]\\s*(大写\\s*[:：]?)?\\s*(?:人民币)?\\s*$");
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
            Matcher figBefore = FIGURES_BEFORE.matcher(text);
            for (int[] hit : hits) {
                int start = hit[0];
                int end = hit[1];
                String run = text.substring(start, end);
                int closed = firstOf(run, "整正");
                if (closed >= 0 && closed < run.length() - 1) { // 壹拾贰万元整分两期: the amount ends at 整
                    end = start + closed + 1;
                    run = run.substring(0, closed + 1);
                }
                if (!looksLikeAmount(run)) {
                    continue;
                }
                fig.region(end, text.length());
                BigDecimal figures = null;
                int spanStart = start;
                int spanEnd = end;
                if (fig.lookingAt()) {
                    figures = number(fig.group(1));
                    if (fig.group(2) != null) { // （9万元）
                        figures = figures.movePointRight(4);
                    }
                    spanEnd = fig.end();
                } else {
                    figBefore.region(Math.max(0, start - 40), start);
                    if (figBefore.find() && (figBefore.group(1) != null || figBefore.group(3) != null
                            || figBefore.group(4) != null)) {
                        figures = number(figBefore.group(2));
                        spanStart = figBefore.start(1) >= 0 ? figBefore.start(1) : figBefore.start(2);
                    }
                }
                BigDecimal value = null;
                try {
                    value = ChineseAmounts.parse(run);
                } catch (IllegalArgumentException invalid) { // InvalidAmountException, or beyond 亿亿
                    String inWords = figures == null ? null : inWords(figures);
                    if (inWords != null) {
                        f.reportSpan(Severity.BLOCKER, clause.id(), start, end, "invalidWithFigures", run, inWords);
                    } else {
                        f.reportSpan(Severity.BLOCKER, clause.id(), start, end, "invalid", run);
                    }
                }
                if (value != null && figures != null && value.compareTo(figures) != 0) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), spanStart, spanEnd, "mismatch", run,
                            Texts.money(figures));
                }
                amounts.add(new Amount(spanStart, end, run, value, figures, spanEnd));
                totalDiffers(s, clause, text, amounts.getLast(), f);
            }
            BigDecimal field = field(s, clause.id());
            // 每逾期一小时…伍佰元: a rate, not the fixed sum the field holds
            if (field != null && amounts.size() == 1
                    && !Texts.sentence(text, amounts.getFirst().start(), amounts.getFirst().end()).contains("每")) {
                Amount a = amounts.getFirst();
                BigDecimal written = a.value() != null ? a.value() : a.figures();
                if (written != null && written.compareTo(field) != 0) {
                    f.reportSpan(Severity.BLOCKER, clause.id(), a.start(), a.figuresEnd(), "field",
                            Texts.money(written), Texts.money(field));
                }
            }
        }
    }

    /** 本合同总价款为人民币壹拾万元整: a stated total that differs from the contract's amount. */
    private static final Pattern TOTAL = Pattern.compile("(?:合同|服务费|服务费用|价款)(?:的)?(?:总金额|总价款|总价|总额|金额)");

    private static void totalDiffers(ReviewSubject s, Clause clause, String text, Amount a, Findings f) {
        var amount = s.contract().amount();
        BigDecimal written = a.value() != null ? a.value() : a.figures();
        if (amount == null || amount.value() == null || written == null || written.compareTo(amount.value()) == 0) {
            return;
        }
        String lead = text.substring(Texts.partStart(text, a.start()), a.start());
        // the total of the contract, said in the same part of the sentence, and not a rate or a part of it
        if (TOTAL.matcher(lead).find() && !lead.matches(".*(?:每|单价|首期|二期|尾款|第[一二三四五六七八九十0-9]+期|年度|月度).*")) {
            f.reportSpan(Severity.BLOCKER, clause.id(), a.start(), a.figuresEnd(), "total", Texts.money(written),
                    Texts.money(amount.value()));
        }
    }

    /** Figures as written (full-width digits, thousands separators) as a number. */
    private static BigDecimal number(String written) {
        return new BigDecimal(Texts.halfWidthDigits(written).replace(",", "").replace("，", ""));
    }

    /** The figures in 大写, or null when they are beyond what 大写 writes. */
    private static String inWords(BigDecimal figures) {
        try {
            return ChineseAmounts.format(figures.setScale(2, java.math.RoundingMode.HALF_UP));
        } catch (IllegalArgumentException tooLarge) {
            return null;
        }
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A run of 大写 characters is an amount when it has a digit and a money unit (not 万元 alone); a leading
     * 拾 counts as 壹拾 (拾万元整).
     */
    private static boolean looksLikeAmount(String run) {
        boolean digit = run.charAt(0) == '拾';
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

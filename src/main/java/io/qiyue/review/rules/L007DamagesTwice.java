package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

import java.math.BigDecimal;

/**
 * QY-L007: liquidated damages set in the structured field and stated again, with the same figure, in a clause the
 * user wrote (the breach description above all). The document prints both, so the same duty stands twice, and the
 * party in breach will be asked whether they owe it once or twice (民法典第585条; a disputed term is read under
 * 第466条). A sentence is a repetition when it names 违约金 and a figure of the field's kind equal to its value: the
 * same sum for a fixed amount, the same share without a daily rate, the same share with one; a figure that caps
 * the damages (不超过…, …为限) is no repetition. An uploaded document is the parties' text alone: not checked.
 * <p>
 * The same sentences contradict the field when they state the damages otherwise: another figure of the field's kind
 * ({@code contradicted}: 15% in the field, "违约金为合同总金额的5%" in the text), or a cap below what the field makes
 * due ({@code capBelow}: "违约金以合同总金额的5%为上限" beside 15%, or beside a fixed sum above 5% of the amount).
 * An outside tester found the second after accepting a customer's proposed breach clause: the document then
 * printed both, and which one binds is exactly what 第466条 leaves to a court.
 */
final class L007DamagesTwice implements Rule {
    @Override
    public String id() {
        return "QY-L007";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var breach = s.terms().breach();
        var ld = breach == null ? null : breach.liquidatedDamages();
        if (ld == null || ld.basis() == null || ld.value() == null || ld.value().signum() <= 0
                || !s.clauses().equals(ReviewSubject.clausesOf(s.terms()))) {
            return;
        }
        // with nothing to pay, a share of the price or of a late payment is not printed (DocumentModels.breach falls
        // back to the actual loss, QY-V001 says so): the user's sentence is then the only one
        var amount = s.contract().amount() == null ? null : s.contract().amount().value();
        boolean nothingPaid = s.terms().withoutConsideration() || amount != null && amount.signum() == 0;
        if (ld.basis() == Terms.DamagesBasis.PERCENT_OF_AMOUNT && (nothingPaid || amount == null)
                || ld.basis() == Terms.DamagesBasis.DAILY_RATE && nothingPaid) {
            return;
        }
        String value = ld.value().stripTrailingZeros().toPlainString();
        String message = switch (ld.basis()) {
            case FIXED -> "fixed";
            case PERCENT_OF_AMOUNT -> "percent";
            case DAILY_RATE -> "daily";
        };
        // what the field makes due at most, as a sum: the cap a sentence sets is compared with it
        BigDecimal due = switch (ld.basis()) {
            case FIXED -> ld.value();
            case PERCENT_OF_AMOUNT -> amount == null ? null : amount.multiply(ld.value()).movePointLeft(2);
            case DAILY_RATE -> null; // it grows with the delay: a cap limits it, it does not contradict it
        };
        for (Clause clause : s.clauses()) {
            String text = clause.text();
            if (!text.contains(StatedSums.DAMAGES.word())) {
                continue;
            }
            for (int[] sentence : Figures.sentences(text)) {
                String said = text.substring(sentence[0], sentence[1]);
                if (!StatedSums.DAMAGES.namedIn(said)) {
                    continue;
                }
                if (repeats(said, ld)) {
                    f.reportSpan(Severity.WARNING, clause.id(), sentence[0], sentence[1], message, said.strip(), value);
                } else if (contradicts(said, ld)) {
                    f.reportSpan(Severity.WARNING, clause.id(), sentence[0], sentence[1], "contradicted." + message,
                            said.strip(), value);
                } else if (due != null && capsBelow(said, due, amount)) {
                    f.reportSpan(Severity.WARNING, clause.id(), sentence[0], sentence[1], "capBelow." + message,
                            said.strip(), value);
                }
            }
        }
    }

    /** A figure of the field's kind, not a cap, other than the field's value: the damages stated a second way. */
    private static boolean contradicts(String sentence, Terms.LiquidatedDamages ld) {
        boolean daily = StatedSums.daily(sentence);
        if (ld.basis() != Terms.DamagesBasis.DAILY_RATE && daily) {
            // a share per day beside a share of the price or a fixed sum is damages for another breach (late
            // payment beside the whole contract); a sum in a sentence may be anything (a threshold, a fee)
            return false;
        }
        for (var figure : Figures.in(sentence)) {
            if (figure.kind() != Figures.Kind.PERCENT || StatedSums.cap(sentence, figure)) {
                continue;
            }
            boolean measured = daily ? ofTheOverdueSum(sentence, figure) : ofThePrice(sentence, figure);
            // a fixed sum in the field and a share of the price here are two measures whatever the figures
            if (measured && (ld.basis() == Terms.DamagesBasis.FIXED || figure.value().compareTo(ld.value()) != 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a share is one of the contract's price (合同总金额的5%, 总价款百分之五), not of something else a breach
     * clause measures (服务可用性低于99.9%, 逾期金额的5%, which the damages field does not speak of).
     */
    private static boolean ofThePrice(String sentence, Figures.Figure figure) {
        return measuredBy(PRICE, sentence, figure);
    }

    /** Whether a daily share is one of the sum paid late (逾期部分金额的0.1%), as the field's daily rate is. */
    private static boolean ofTheOverdueSum(String sentence, Figures.Figure figure) {
        return measuredBy(OVERDUE_SUM, sentence, figure);
    }

    /**
     * Whether the base nearest before the figure is {@code base}: in 违约金总额不超过未付款项的5% the share is of the
     * unpaid sum, though 总额 comes earlier (outside tester).
     */
    private static boolean measuredBy(java.util.regex.Pattern base, String sentence, Figures.Figure figure) {
        String before = sentence.substring(Math.max(0, figure.start() - 12), figure.start());
        var found = base.matcher(before);
        int end = -1;
        while (found.find()) {
            end = found.end();
        }
        if (end < 0) {
            return false;
        }
        var other = base == PRICE ? OVERDUE_SUM : PRICE;
        return !other.matcher(before.substring(end)).find();
    }

    private static final java.util.regex.Pattern PRICE = java.util.regex.Pattern.compile(
            "(?:合同|协议)(?:总)?(?:金额|价款|总价|价格|总额)|总(?:金额|价款|价|额)|服务费(?:用)?总额");
    private static final java.util.regex.Pattern OVERDUE_SUM = java.util.regex.Pattern.compile(
            "逾期|未付|应付|欠付|欠款|迟延|延迟|剩余|未支付");

    /** A cap of the damages (a share of the amount, or a sum) lower than what the field makes due. */
    private static boolean capsBelow(String sentence, BigDecimal due, BigDecimal amount) {
        if (StatedSums.daily(sentence)) {
            return false;
        }
        for (var figure : Figures.in(sentence)) {
            if (!StatedSums.cap(sentence, figure)
                    || figure.kind() == Figures.Kind.PERCENT && !ofThePrice(sentence, figure)) {
                continue;
            }
            BigDecimal cap = figure.kind() == Figures.Kind.AMOUNT ? figure.value()
                    : amount == null ? null : amount.multiply(figure.value()).movePointLeft(2);
            if (cap != null && cap.compareTo(due) < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeats(String sentence, Terms.LiquidatedDamages ld) {
        boolean daily = StatedSums.daily(sentence);
        Figures.Kind kind = ld.basis() == Terms.DamagesBasis.FIXED ? Figures.Kind.AMOUNT : Figures.Kind.PERCENT;
        if (ld.basis() == Terms.DamagesBasis.PERCENT_OF_AMOUNT && daily
                || ld.basis() == Terms.DamagesBasis.DAILY_RATE && !daily) {
            return false;
        }
        BigDecimal value = ld.value();
        for (var figure : Figures.in(sentence)) {
            if (figure.kind() == kind && figure.value().compareTo(value) == 0 && !StatedSums.cap(sentence, figure)) {
                return true;
            }
        }
        return false;
    }
}

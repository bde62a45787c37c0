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
        for (Clause clause : s.clauses()) {
            String text = clause.text();
            if (!text.contains(StatedSums.DAMAGES.word())) {
                continue;
            }
            for (int[] sentence : Figures.sentences(text)) {
                String said = text.substring(sentence[0], sentence[1]);
                if (StatedSums.DAMAGES.namedIn(said) && repeats(said, ld)) {
                    f.reportSpan(Severity.WARNING, clause.id(), sentence[0], sentence[1], message, said.strip(), value);
                }
            }
        }
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

package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;

/** QY-V001: liquidated damages above the threshold (a setting, 30%) of the amount, which stands in for the loss (民法典第585条; 合同编通则解释第65条). */
final class V001Damages implements Rule {
    @Override
    public String id() {
        return "QY-V001";
    }

    private final BigDecimal threshold;

    V001Damages(RuleConfig config) {
        this.threshold = config.decimal("thresholdPercent");
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        checkTerms(s, f);
        checkText(s, f);
    }

    /**
     * Damages stated in clause text (counterparty paper above all): a daily rate runs over the term, or a year
     * when the contract has no dates yet.
     */
    private void checkText(ReviewSubject s, Findings f) {
        var c = s.contract();
        BigDecimal amount = c.amount() == null ? null : c.amount().value();
        boolean term = c.startDate() != null && c.endDate() != null && !c.endDate().isBefore(c.startDate());
        long days = term ? ChronoUnit.DAYS.between(c.startDate(), c.endDate()) + 1 : 365;
        // a share of a price the contract does not have (无偿, or no amount): nothing to compute it from, whatever the
        // structured damages say (an outside tester read 合同总额10% under 本协议为无偿合同). A daily rate is of the
        // sum paid late, which needs no price
        boolean noPrice = s.terms().withoutConsideration() || amount == null || amount.signum() <= 0;
        for (var clause : s.clauses()) {
            String text = clause.text();
            for (var stated : StatedSums.in(text, StatedSums.DAMAGES, StatedSums.DEPOSIT, amount, days, true)) {
                if (noPrice && !stated.daily()) {
                    f.reportSpan(Severity.WARNING, clause.id(), stated.start(), stated.end(), "textNoAmount",
                            text.substring(stated.start(), stated.end()));
                } else if (stated.percent().compareTo(threshold) > 0) {
                    f.reportSpan(Severity.WARNING, clause.id(), stated.start(), stated.end(),
                            stated.daily() ? (term ? "textDaily" : "textDailyYear") : "textExcessive",
                            text.substring(stated.start(), stated.end()), Texts.percentAbove(stated.percent(), threshold),
                            Texts.plain(threshold));
                }
            }
        }
    }

    private void checkTerms(ReviewSubject s, Findings f) {
        var breach = s.terms().breach();
        if (breach == null || breach.liquidatedDamages() == null || breach.liquidatedDamages().value() == null) {
            return;
        }
        var c = s.contract();
        BigDecimal amount = c.amount() == null ? null : c.amount().value();
        BigDecimal value = breach.liquidatedDamages().value();
        Terms.DamagesBasis basis = breach.liquidatedDamages().basis();
        // the document cannot state a share of nothing: it falls back to the actual loss (DocumentModels.breach),
        // which is not what the parties wrote down, so the drafter is told before anyone signs
        boolean free = s.terms().withoutConsideration() || amount != null && amount.signum() == 0;
        if (basis == Terms.DamagesBasis.PERCENT_OF_AMOUNT && (free || amount == null || amount.signum() <= 0)) {
            f.report(Severity.WARNING, "/terms/breach/liquidatedDamages", "noAmount", Texts.plain(value));
            return;
        }
        if (basis == Terms.DamagesBasis.DAILY_RATE && (free || amount == null || amount.signum() <= 0)) {
            f.report(Severity.WARNING, "/terms/breach/liquidatedDamages", "dailyFree", Texts.plain(value));
            return;
        }
        BigDecimal percent = switch (basis) {
            case PERCENT_OF_AMOUNT -> value;
            case FIXED -> amount == null || amount.signum() <= 0 ? null
                    : value.multiply(BigDecimal.valueOf(100)).divide(amount, 10, RoundingMode.HALF_UP);
            case DAILY_RATE -> c.startDate() == null || c.endDate() == null ? null
                    : value.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(c.startDate(), c.endDate()) + 1));
        };
        boolean above = basis == Terms.DamagesBasis.FIXED && percent != null
                // exactly: 27,000.01 of 90,000 is above 30% although it rounds to 30.0000%
                ? value.multiply(BigDecimal.valueOf(100)).compareTo(threshold.multiply(amount)) > 0
                : percent != null && percent.compareTo(threshold) > 0;
        if (above) {
            f.report(Severity.WARNING, "/terms/breach/liquidatedDamages", basis == Terms.DamagesBasis.DAILY_RATE
                    ? "daily" : "excessive", Texts.percentAbove(percent, threshold), Texts.plain(threshold));
        }
        // a contract with a positive amount prints the cap 赔偿责任总额以本合同总金额为限 (DocumentModel.Fees.capped):
        // a sum of damages above the amount says the opposite in the same document (outside tester: 200% beside it)
        boolean exceedsCap = basis != Terms.DamagesBasis.DAILY_RATE && percent != null && amount != null
                && amount.signum() > 0 && !free && (basis == Terms.DamagesBasis.FIXED ? value.compareTo(amount) > 0
                : percent.compareTo(BigDecimal.valueOf(100)) > 0);
        if (exceedsCap) {
            f.report(Severity.WARNING, "/terms/breach/liquidatedDamages", "aboveCap",
                    Texts.percentAbove(percent, BigDecimal.valueOf(100)));
        }
    }
}

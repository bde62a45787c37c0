package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** QY-V002: a deposit (定金) above 20% of the amount: the excess has no deposit effect (民法典第586条). */
final class V002Deposit implements Rule {
    @Override
    public String id() {
        return "QY-V002";
    }

    private final BigDecimal limitPercent;

    V002Deposit(RuleConfig config) {
        this.limitPercent = config.decimal("limitPercent");
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        checkTerms(s, f);
        var amount = s.contract().amount() == null ? null : s.contract().amount().value();
        for (var clause : s.clauses()) {
            String text = clause.text();
            for (var stated : StatedSums.in(text, StatedSums.DEPOSIT, StatedSums.DAMAGES, amount, 1, false)) {
                if (stated.percent().compareTo(limitPercent) > 0) {
                    f.reportSpan(Severity.WARNING, clause.id(), stated.start(), stated.end(), "textExcessive",
                            text.substring(stated.start(), stated.end()), Texts.percentAbove(stated.percent(), limitPercent),
                            Texts.plain(limitPercent));
                }
            }
        }
    }

    private void checkTerms(ReviewSubject s, Findings f) {
        var payment = s.terms().payment();
        var amount = s.contract().amount();
        if (payment == null || payment.deposit() == null || payment.deposit().value() == null
                || payment.deposit().value().signum() < 0) {
            return;
        }
        if (amount == null || amount.value() == null || amount.value().signum() <= 0
                || s.terms().withoutConsideration()) {
            // a deposit secures a price and is credited against it: without one, the document prints a payment clause
            // (fees by statement, invoices) that nobody agreed, and the 20% limit has nothing to be measured against
            // (an outside tester's mutual NDA)
            f.report(Severity.WARNING, "/terms/payment/deposit", "noAmount", Texts.money(payment.deposit().value()));
            return;
        }
        BigDecimal deposit = payment.deposit().value();
        // exactly: 20% of 90,000.03 is 18,000.006, so 18,000.01 is above it; the message states the limit to the fen below
        BigDecimal limit = amount.value().multiply(limitPercent).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        if (deposit.multiply(BigDecimal.valueOf(100)).compareTo(amount.value().multiply(limitPercent)) > 0) {
            f.report(Severity.WARNING, "/terms/payment/deposit", "excessive", Texts.money(deposit), Texts.money(limit),
                    Texts.money(deposit.subtract(limit)), Texts.plain(limitPercent));
        }
    }
}

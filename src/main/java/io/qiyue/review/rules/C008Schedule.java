package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.math.BigDecimal;

/**
 * QY-C008: the payment schedule sums exactly to the amount; every instalment has a due date or a trigger (typed or
 * written), none due before the start. A deposit that offsets the first instalment is part of that instalment: it
 * counts toward the sum only through it, so the first instalment must be at least the deposit. A deposit that is
 * returned is no part of the price and is not counted.
 */
final class C008Schedule implements Rule {
    @Override
    public String id() {
        return "QY-C008";
    }

    /**
     * Every type: a confidentiality or information-sharing agreement is usually free, but one with a price is paid
     * by its schedule as any other (a free one, or one without an amount, is passed over below).
     */
    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return ALL;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var c = s.contract();
        if (s.terms().withoutConsideration()) {
            return;
        }
        if (c.amount() == null || c.amount().value() == null || c.amount().value().signum() <= 0) {
            return; // no price: QY-C004
        }
        var payment = s.terms().payment();
        if (payment == null || Texts.empty(payment.schedule())) {
            f.report(Severity.BLOCKER, "/terms/payment/schedule", "missing");
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < payment.schedule().size(); i++) {
            var instalment = payment.schedule().get(i);
            if (instalment == null) {
                continue;
            }
            if (instalment.amount() != null && instalment.amount().value() != null) {
                sum = sum.add(instalment.amount().value());
            }
            if (instalment.dueDate() == null && instalment.trigger() == null && Texts.blank(instalment.milestone())) {
                f.report(Severity.BLOCKER, "/terms/payment/schedule/" + i, "trigger", i + 1);
            }
            if (instalment.dueDate() != null && c.startDate() != null && instalment.dueDate().isBefore(c.startDate())) {
                f.report(Severity.BLOCKER, "/terms/payment/schedule/" + i + "/dueDate", "beforeStart", i + 1,
                        instalment.dueDate(), c.startDate());
            } else if (instalment.dueDate() != null && s.beforeSigning()
                    && instalment.dueDate().isBefore(s.reviewDate())) {
                // a contract signed after its start, its first instalment's day already past: it falls due on the
                // signing day instead (Qiyue plans it so), which the text then no longer says
                f.report(Severity.INFO, "/terms/payment/schedule/" + i + "/dueDate", "passed", i + 1,
                        instalment.dueDate());
            }
            // after the end is not impossible (a retention paid on final acceptance), but usually a typing slip
            if (instalment.dueDate() != null && c.endDate() != null && instalment.dueDate().isAfter(c.endDate())) {
                f.report(Severity.WARNING, "/terms/payment/schedule/" + i + "/dueDate", "afterEnd", i + 1,
                        instalment.dueDate(), c.endDate());
            }
        }
        var first = payment.schedule().getFirst();
        if (Boolean.TRUE.equals(payment.depositOffsetsInstalment()) && payment.deposit() != null
                && payment.deposit().value() != null && first != null && first.amount() != null
                && first.amount().value() != null && payment.deposit().value().compareTo(first.amount().value()) > 0) {
            f.report(Severity.BLOCKER, "/terms/payment/deposit", "depositOffset", Texts.money(payment.deposit().value()),
                    Texts.money(first.amount().value()));
        }
        if (sum.compareTo(c.amount().value()) != 0) {
            f.report(Severity.BLOCKER, "/terms/payment/schedule", "sum", Texts.money(sum),
                    Texts.money(c.amount().value()));
        } else if (payment.depositOffsetsInstalment() == null && payment.deposit() != null
                && payment.deposit().value() != null && payment.deposit().value().signum() > 0) {
            // the document then says 合同履行后定金抵作价款 (民法典第587条) without saying which payment it reduces:
            // with instalments that already make up the price, the customer pays the deposit on top of it
            f.report(Severity.WARNING, "/terms/payment/depositOffsetsInstalment", "depositOnTop",
                    Texts.money(payment.deposit().value()), Texts.money(c.amount().value()));
        }
    }
}

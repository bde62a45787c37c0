package io.qiyue.obligation;

import io.qiyue.contract.Terms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Late-payment damages (逾期付款违约金) as the contract's breach clause ({@code terms.breach.liquidatedDamages})
 * defines them, stated as of a day. A pure function of the instalments and their payments, exact in
 * {@link BigDecimal}.
 *
 * <p>What is late: an instalment is due on its due date; a yuan of it paid on day {@code p} was late
 * {@code p − dueDate} days (paid on the due date: 0 days, so the first late day is the day after, as 逾期 is
 * counted in Chinese practice); a yuan still unpaid on {@code asOf} has been late {@code asOf − dueDate} days so
 * far. Payments after {@code asOf} are not known on that day and count as unpaid. Instalments without a due date
 * (waiting for their trigger) cannot be late.
 *
 * <p>The three bases (value as spec/api.md writes percentages: {@code "10"} = 10 %):
 * <ul>
 *   <li>{@code DAILY_RATE}: per instalment Σ (late yuan × days late) × value ÷ 100 — every yuan pays for every day
 *       it was late, so a partial payment stops the clock for the part it paid and not for the rest;</li>
 *   <li>{@code PERCENT_OF_AMOUNT}: the contract's total amount × value ÷ 100, once for the contract as soon as any
 *       yuan was late — as the document states it (违约方应向守约方支付相当于本合同总金额N%的违约金); it fell on the late
 *       yuan alone before, a figure the customer never signed;</li>
 *   <li>{@code FIXED}: the value in yuan once for the contract as soon as any yuan was late — one breach of the
 *       payment clause, not one per instalment.</li>
 * </ul>
 * A late payment made more than three years before {@code asOf} no longer counts: the claim for its damages is out
 * of time (诉讼时效, 民法典第188条: three years from when the creditor knew of the breach, here the payment that ended
 * it). An outside tester saw ¥120,000 of damages on a legacy contract paid in full, its last payment five days late,
 * in 2021. A yuan still unpaid is late whatever its age. Interruptions of the period (a demand, an acknowledgement)
 * are not known to Qiyue.
 * Each instalment's damages are rounded once, HALF_UP to the fen, after the exact product (rounding the daily
 * amounts would lose or gain up to half a fen per day); the contract's total is the sum of the rounded lines, so
 * the lines shown add up to the total shown.
 */
final class LateDamages {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** 民法典第188条: the years within which a claim must be made. */
    static final int LIMITATION_YEARS = 3;

    private LateDamages() {
    }

    /** A yuan amount paid of an instalment on a day. */
    record Payment(LocalDate paidOn, BigDecimal amount) {
    }

    /** A payment instalment: its due date (null: not yet due), its amount and what was paid of it when. */
    record Instalment(String obligationId, LocalDate dueDate, BigDecimal amount, List<Payment> payments) {
    }

    /** One instalment's share: the yuan that were or are late, the yuan-days late, the damages (fen). */
    record Line(String obligationId, BigDecimal lateAmount, BigDecimal unpaidLate, BigDecimal yuanDays,
                BigDecimal damages) {
    }

    /** The damages as of a day; {@code overdue}: what is late and still unpaid on that day. */
    record Result(LocalDate asOf, Terms.DamagesBasis basis, BigDecimal value, BigDecimal overdue,
                  BigDecimal damages, List<Line> lines) {
    }

    /** {@code contractAmount}: the total the percentage of {@code PERCENT_OF_AMOUNT} falls on (null: the plan's). */
    static Result compute(Terms.LiquidatedDamages clause, List<Instalment> instalments, LocalDate asOf,
                          BigDecimal contractAmount) {
        var lines = new ArrayList<Line>();
        BigDecimal overdue = BigDecimal.ZERO.setScale(2);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        boolean anyLate = false;
        for (var instalment : instalments) {
            if (instalment.dueDate() == null || !asOf.isAfter(instalment.dueDate())) {
                continue;
            }
            LocalDate due = instalment.dueDate();
            BigDecimal paidByAsOf = BigDecimal.ZERO;
            BigDecimal late = BigDecimal.ZERO;
            BigDecimal yuanDays = BigDecimal.ZERO;
            for (var payment : instalment.payments()) {
                if (payment.paidOn().isAfter(asOf)) {
                    continue;
                }
                paidByAsOf = paidByAsOf.add(payment.amount());
                long days = ChronoUnit.DAYS.between(due, payment.paidOn());
                if (days > 0 && !asOf.isAfter(payment.paidOn().plusYears(LIMITATION_YEARS))) {
                    late = late.add(payment.amount());
                    yuanDays = yuanDays.add(payment.amount().multiply(BigDecimal.valueOf(days)));
                }
            }
            BigDecimal unpaid = instalment.amount().subtract(paidByAsOf).max(BigDecimal.ZERO);
            if (unpaid.signum() > 0) {
                late = late.add(unpaid);
                yuanDays = yuanDays.add(unpaid.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(due, asOf))));
                overdue = overdue.add(unpaid);
            }
            if (late.signum() == 0) {
                continue;
            }
            anyLate = true;
            BigDecimal damages = BigDecimal.ZERO.setScale(2);
            if (clause != null && clause.value() != null) {
                damages = switch (clause.basis()) {
                    case DAILY_RATE -> yuanDays.multiply(clause.value()).divide(HUNDRED)
                            .setScale(2, RoundingMode.HALF_UP);
                    case PERCENT_OF_AMOUNT, FIXED -> BigDecimal.ZERO.setScale(2);
                };
            }
            total = total.add(damages);
            lines.add(new Line(instalment.obligationId(), late.setScale(2, RoundingMode.HALF_UP),
                    unpaid.setScale(2, RoundingMode.HALF_UP), yuanDays.setScale(2, RoundingMode.HALF_UP),
                    damages));
        }
        // the two bases owed once for the contract, as soon as anything was late
        if (anyLate && clause != null && clause.value() != null) {
            switch (clause.basis()) {
                case FIXED -> total = clause.value().setScale(2, RoundingMode.HALF_UP);
                case PERCENT_OF_AMOUNT -> {
                    BigDecimal base = contractAmount != null ? contractAmount : instalments.stream()
                            .map(Instalment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    total = base.multiply(clause.value()).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
                }
                case DAILY_RATE -> {
                    // summed over the instalments above
                }
            }
        }
        return new Result(asOf, clause == null ? null : clause.basis(), clause == null ? null : clause.value(),
                overdue, total, List.copyOf(lines));
    }
}

package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-V011: liability capped at the contract's amount (以本合同总金额为限) in a contract that has no amount — free,
 * zero or not stated. The cap then excludes every remedy, the more so in an NDA, where the loss from a leak is the
 * whole point (民法典第584条); where it also covers intent or gross negligence it is void (第506条). A contract with
 * a positive amount is not reported: there the cap limits, it does not remove, the liability.
 */
final class V011CapWithoutAmount implements Rule {
    private final int[] patterns;

    V011CapWithoutAmount(RuleConfig config, TextScanner scanner) {
        this.patterns = Texts.register(scanner, config.strings("patterns"));
    }

    @Override
    public String id() {
        return "QY-V011";
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        boolean free = s.terms().withoutConsideration();
        var amount = s.contract().amount();
        return free || amount == null || amount.value() == null || amount.value().signum() <= 0;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var clauses = s.clauses();
        for (int ci = 0; ci < clauses.size(); ci++) {
            Clause clause = clauses.get(ci);
            for (int[] m : f.scan().merged(ci, patterns)) {
                f.reportSpan(Severity.WARNING, clause.id(), m[0], m[1], "noAmount", clause.text().substring(m[0], m[1]));
            }
        }
    }
}

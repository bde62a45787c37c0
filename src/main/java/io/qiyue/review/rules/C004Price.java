package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C004: a price above zero, or a contract explicitly without consideration. */
final class C004Price implements Rule {
    @Override
    public String id() {
        return "QY-C004";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return PRICED;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (s.terms().withoutConsideration()) {
            return;
        }
        var amount = s.contract().amount();
        if (amount == null || amount.value() == null || amount.value().signum() <= 0) {
            f.report(Severity.BLOCKER, "/amount", "missing");
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C013: follow-up visits have an interval (response hours are QY-C003's). */
final class C013Maintenance implements Rule {
    @Override
    public String id() {
        return "QY-C013";
    }

    @Override
    public java.util.Set<ContractType> types() {
        return java.util.Set.of(ContractType.MAINTENANCE);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var m = s.terms().maintenance();
        if (m == null || m.visitIntervalDays() == null) {
            f.report(Severity.WARNING, "/terms/maintenance/visitIntervalDays", "visits");
        }
    }
}

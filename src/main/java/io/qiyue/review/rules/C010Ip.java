package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C010: ownership of intellectual property in deliverables (民法典第878条, 第885条 otherwise decides). */
final class C010Ip implements Rule {
    @Override
    public String id() {
        return "QY-C010";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return PRICED;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var ip = s.terms().intellectualProperty();
        if (ip == null || ip.ownership() == null) {
            f.report(Severity.WARNING, "/terms/intellectualProperty", "missing");
        }
    }
}

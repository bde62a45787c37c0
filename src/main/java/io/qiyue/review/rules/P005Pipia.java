package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P005: a personal-information protection impact assessment is referenced (PIPL 第55条; kept 3 years, 第56条): every provision or entrustment needs one. */
final class P005Pipia implements Rule {
    @Override
    public String id() {
        return "QY-P005";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        return types().contains(s.contract().type()) && Texts.sharesPersonalInformation(s.terms());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var pi = s.terms().personalInformation();
        if (pi == null || Texts.blank(pi.pipiaReference())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/pipiaReference", "missing");
        }
    }
}

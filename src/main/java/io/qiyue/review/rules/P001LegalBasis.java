package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P001: a legal basis for providing personal information: separate consent (PIPL 第23条) or another basis of 第13条. */
final class P001LegalBasis implements Rule {
    @Override
    public String id() {
        return "QY-P001";
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
        if (pi == null || pi.legalBasis() == null) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/legalBasis", "missing");
        } else if (pi.legalBasis() == Terms.LegalBasis.SEPARATE_CONSENT
                && !Boolean.TRUE.equals(s.terms().sharedInformation().separateConsentObtained())) {
            f.report(Severity.BLOCKER, "/terms/sharedInformation/separateConsentObtained", "consent");
        }
    }
}

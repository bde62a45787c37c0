package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P004: cross-border provision: a mechanism (PIPL 第38条) and separate consent (第39条). */
final class P004CrossBorder implements Rule {
    @Override
    public String id() {
        return "QY-P004";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        var shared = s.terms().sharedInformation();
        return Rule.super.appliesTo(s) && Texts.sharesPersonalInformation(s.terms())
                && Boolean.TRUE.equals(shared.crossBorder());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var pi = s.terms().personalInformation();
        if (pi == null || pi.crossBorderMechanism() == null) {
            f.reportCiting(Severity.BLOCKER, "/terms/personalInformation/crossBorderMechanism", "mechanism", "mechanism");
        }
        if (!Boolean.TRUE.equals(s.terms().sharedInformation().separateConsentObtained())) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/separateConsentObtained", "consent", "consent");
        }
    }
}

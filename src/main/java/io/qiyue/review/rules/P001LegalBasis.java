package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-P001: a legal basis for providing personal information: separate consent (PIPL 第23条) or another basis of
 * 第13条. Structured: for an information-sharing agreement that shares personal information. In free text of any
 * contract: personal information passed to affiliates or third parties without saying that consent is obtained.
 */
final class P001LegalBasis implements Rule {
    private final PersonalInformationText sharing;

    P001LegalBasis(RuleConfig config, TextScanner scanner) {
        this.sharing = new PersonalInformationText(config, scanner, "sharingTextPatterns", null);
    }

    @Override
    public String id() {
        return "QY-P001";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        sharing.report(s, f, "textSharing", "default");
        if (s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING
                && Texts.sharesPersonalInformation(s.terms())) {
            checkTerms(s, f);
        }
    }

    private static void checkTerms(ReviewSubject s, Findings f) {
        var pi = s.terms().personalInformation();
        if (pi == null || pi.legalBasis() == null) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/legalBasis", "missing");
        } else if (pi.legalBasis() == Terms.LegalBasis.SEPARATE_CONSENT
                && !Boolean.TRUE.equals(s.terms().sharedInformation().separateConsentObtained())) {
            f.report(Severity.BLOCKER, "/terms/sharedInformation/separateConsentObtained", "consent");
        }
    }
}

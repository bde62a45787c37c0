package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

import java.util.regex.Pattern;

/**
 * QY-P001: a legal basis for providing personal information: separate consent (PIPL 第23条) or another basis of
 * 第13条. Structured: for an information-sharing agreement that shares personal information. In the words of a
 * confidentiality agreement whose confidential information includes personal information. In free text of any
 * contract: personal information passed to affiliates or third parties without saying that consent is obtained.
 */
final class P001LegalBasis implements Rule {
    private final PersonalInformationText sharing;
    private final Pattern confidentialityLegalBasis;

    P001LegalBasis(RuleConfig config, TextScanner scanner) {
        this.sharing = new PersonalInformationText(config, scanner, "sharingTextPatterns", null);
        this.confidentialityLegalBasis = Pattern.compile(config.parameter("confidentialityLegalBasis").asString());
    }

    @Override
    public String id() {
        return "QY-P001";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        sharing.report(s, f, "textSharing", "default");
        if (s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING) {
            if (Texts.sharesPersonalInformation(s.terms())) {
                checkTerms(s, f);
            } else if (personalCategoriesDenied(s.terms().sharedInformation())) {
                // the P rules read the flag: said wrongly, none of them would look at the agreement
                f.report(Severity.WARNING, "/terms/sharedInformation/containsPersonalInformation", "flagDenied");
            } else if (personalCategoriesUnstated(s.terms().sharedInformation())) {
                // nor, left unsaid (outside tester: an import that shares 联系方式 met none of the P rules)
                f.report(Severity.WARNING, "/terms/sharedInformation/containsPersonalInformation", "flagUnstated");
            }
        } else if (Texts.confidentialPersonalInformation(s)
                && !Texts.stated(s, confidentialityLegalBasis)) {
            // an NDA over personal information is how the discloser provides it to the receiver (第23条), and the
            // discloser needs a basis for that; an NDA has no field for it, so its words are read (a warning: they
            // may say it in a way the pattern misses)
            f.report(Severity.WARNING, "/terms/confidentialityObligations", "confidentiality");
        }
    }

    /**
     * Contact details and behaviour data are about people (PIPL 第4条: any information of an identified or
     * identifiable natural person), yet the agreement says it shares no personal information.
     */
    private static boolean personalCategoriesDenied(Terms.SharedInformation shared) {
        return shared != null && Boolean.FALSE.equals(shared.containsPersonalInformation()) && personal(shared);
    }

    /** The same categories, the agreement saying nothing about personal information. */
    private static boolean personalCategoriesUnstated(Terms.SharedInformation shared) {
        return shared != null && shared.containsPersonalInformation() == null && personal(shared);
    }

    private static boolean personal(Terms.SharedInformation shared) {
        return shared.categories() != null && (shared.categories().contains(Terms.SharedCategory.CONTACT_INFO)
                || shared.categories().contains(Terms.SharedCategory.BEHAVIOUR_DATA));
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

package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-P004: cross-border provision: a mechanism (PIPL 第38条) and separate consent (第39条). Structured for an
 * information-sharing agreement marked cross-border; in free text of any contract, personal information stored or
 * transferred abroad without a word of the mechanism.
 */
final class P004CrossBorder implements Rule {
    private final PersonalInformationText abroad;

    P004CrossBorder(RuleConfig config, TextScanner scanner) {
        this.abroad = new PersonalInformationText(config, scanner, "abroadTextPatterns", config.wordPattern("personalWords"));
    }

    @Override
    public String id() {
        return "QY-P004";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        abroad.report(s, f, "textAbroad", "mechanism");
        var shared = s.terms().sharedInformation();
        if (s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING
                && Texts.sharesPersonalInformation(s.terms()) && Boolean.TRUE.equals(shared.crossBorder())) {
            checkTerms(s, f);
        }
    }

    private static void checkTerms(ReviewSubject s, Findings f) {
        var pi = s.terms().personalInformation();
        if (pi == null || pi.crossBorderMechanism() == null) {
            f.reportCiting(Severity.BLOCKER, "/terms/personalInformation/crossBorderMechanism", "mechanism", "mechanism");
        }
        if (!Boolean.TRUE.equals(s.terms().sharedInformation().separateConsentObtained())) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/separateConsentObtained", "consent", "consent");
        }
    }
}

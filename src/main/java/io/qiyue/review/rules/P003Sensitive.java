package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P003: sensitive personal information: separate consent (PIPL 第29条), necessity and impact notified (第30条), guardian consent for minors under 14 (第31条). */
final class P003Sensitive implements Rule {
    @Override
    public String id() {
        return "QY-P003";
    }

    private final int minors;
    private final int guardian;
    private final int necessity;
    private final int impact;

    P003Sensitive(RuleConfig config, TextScanner scanner) {
        this.minors = scanner.register(config.wordPattern("minorWords"));
        this.guardian = scanner.register(config.wordPattern("guardianWords"));
        this.necessity = scanner.register(config.wordPattern("necessityWords"));
        this.impact = scanner.register(config.wordPattern("impactWords"));
        this.sensitiveText = new PersonalInformationText(config, scanner, "sensitiveTextPatterns", null);
        this.consent = scanner.register(config.wordPattern("consentWords"));
    }

    private final PersonalInformationText sensitiveText;
    private final int consent;

    /**
     * Sensitive information named in free text, of any contract, is a warning unless some clause says separate
     * consent is obtained; the structured checks are for an information-sharing agreement that declares it.
     */
    @Override
    public void check(ReviewSubject s, Findings f) {
        var shared = s.terms().sharedInformation();
        if (!f.scan().anyClause(consent) && !(shared != null && Boolean.TRUE.equals(shared.separateConsentObtained()))) {
            sensitiveText.report(s, f, "textSensitive", "consent");
        }
        if (s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING && shared != null) {
            if (Boolean.TRUE.equals(shared.containsSensitivePersonalInformation())) {
                checkTerms(s, f);
            } else if (Boolean.FALSE.equals(shared.containsSensitivePersonalInformation())) {
                // the structured checks read the flag: said wrongly, they would not look at the agreement at all
                // (outside tester: 身份证号码 and 行踪轨迹 in the purpose of an agreement ticked "none")
                String named = sensitiveText.first(s, f);
                if (named != null) {
                    f.report(Severity.WARNING, "/terms/sharedInformation/containsSensitivePersonalInformation",
                            "flagDenied", named);
                }
            }
        }
    }

    private void checkTerms(ReviewSubject s, Findings f) {
        if (!Boolean.TRUE.equals(s.terms().sharedInformation().separateConsentObtained())) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/separateConsentObtained", "consent", "consent");
        }
        if (!f.scan().anyClause(necessity) || !f.scan().anyClause(impact)) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/purpose", "notice", "notice");
        }
        if (f.scan().anyClause(minors) && !f.scan().anyClause(guardian)) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/containsSensitivePersonalInformation", "minors",
                    "minors");
        }
    }
}

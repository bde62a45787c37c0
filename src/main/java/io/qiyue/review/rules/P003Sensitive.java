package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P003: sensitive personal information: separate consent (PIPL 第29条), necessity and impact notified (第30条), guardian consent for minors under 14 (第31条). */
final class P003Sensitive implements Rule {
    @Override
    public String id() {
        return "QY-P003";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING);
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
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        var shared = s.terms().sharedInformation();
        return types().contains(s.contract().type()) && shared != null
                && Boolean.TRUE.equals(shared.containsSensitivePersonalInformation());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
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

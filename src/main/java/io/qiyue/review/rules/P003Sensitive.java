package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.regex.Pattern;

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

    private final Pattern minors;
    private final Pattern guardian;
    private final Pattern necessity;
    private final Pattern impact;

    P003Sensitive(RuleConfig config) {
        this.minors = config.wordPattern("minorWords");
        this.guardian = config.wordPattern("guardianWords");
        this.necessity = config.wordPattern("necessityWords");
        this.impact = config.wordPattern("impactWords");
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
        if (!Texts.anyClauseMatches(s, necessity) || !Texts.anyClauseMatches(s, impact)) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/purpose", "notice", "notice");
        }
        if (Texts.anyClauseMatches(s, minors) && !Texts.anyClauseMatches(s, guardian)) {
            f.reportCiting(Severity.BLOCKER, "/terms/sharedInformation/containsSensitivePersonalInformation", "minors",
                    "minors");
        }
    }
}

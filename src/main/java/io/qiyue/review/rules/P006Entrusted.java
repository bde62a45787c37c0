package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.regex.Pattern;

/**
 * QY-P006: entrusted processing (委托处理) agrees rights and obligations, protection measures and no sub-entrustment
 * without consent, and ends with the entrustment (PIPL 第21条).
 */
final class P006Entrusted implements Rule {
    @Override
    public String id() {
        return "QY-P006";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING);
    }

    private final int subEntrustment;

    P006Entrusted(RuleConfig config, TextScanner scanner) {
        this.subEntrustment = scanner.register(Pattern.compile(String.join("|", config.strings("subEntrustmentPatterns"))));
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        var pi = s.terms().personalInformation();
        return Rule.super.appliesTo(s) && Texts.sharesPersonalInformation(s.terms()) && pi != null
                && pi.processingRole() == Terms.ProcessingRole.ENTRUSTED;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var t = s.terms();
        var ro = t.rightsAndObligations();
        if (ro == null || (Texts.empty(ro.provider()) && Texts.empty(ro.customer()))) {
            f.report(Severity.BLOCKER, "/terms/rightsAndObligations", "rights");
        }
        if (Texts.empty(t.personalInformation().securityMeasures())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/securityMeasures", "measures");
        }
        if (!f.scan().anyClause(subEntrustment)) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/processingRole", "subEntrustment");
        }
        // 第21条第2款: when the entrustment ends the entrusted party returns or deletes the information, so a
        // sharing period running on after the agreement has it processed without any entrustment
        var period = t.sharingPeriod();
        if (period != null && period.yearsAfterTermination() != null && period.yearsAfterTermination() > 0) {
            f.report(Severity.BLOCKER, "/terms/sharingPeriod", "periodAfterEnd", period.yearsAfterTermination());
        }
    }
}

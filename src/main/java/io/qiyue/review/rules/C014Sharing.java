package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-C014: purpose, sharing period, and return or deletion at the end (PIPL 第21、23、47条); BLOCKER when personal
 * information is shared. A confidentiality agreement whose confidential information includes personal information: its
 * return or deletion at the end (a warning read from its words).
 */
final class C014Sharing implements Rule {
    @Override
    public String id() {
        return "QY-C014";
    }

    private final int returnOrDeletion;
    private final java.util.regex.Pattern returnOrDeletionWords;

    C014Sharing(RuleConfig config, TextScanner scanner) {
        this.returnOrDeletionWords = config.wordPattern("returnOrDeletionWords");
        this.returnOrDeletion = scanner.register(returnOrDeletionWords);
    }

    @Override
    public java.util.Set<ContractType> types() {
        return java.util.Set.of(ContractType.INFO_SHARING, ContractType.CONFIDENTIALITY);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        return s.contract().type() == ContractType.INFO_SHARING || Texts.confidentialPersonalInformation(s);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (s.contract().type() == ContractType.CONFIDENTIALITY) {
            // personal information is to be deleted once its purpose is served (第47条): an NDA over it says what
            // becomes of it at the end (the default template does: 返还或者销毁保密信息)
            if (!Texts.stated(s, returnOrDeletionWords)) {
                f.report(Severity.WARNING, "/terms/confidentialityObligations", "confidentialityReturnOrDeletion");
            }
            return;
        }
        var t = s.terms();
        Severity severity = Texts.sharesPersonalInformation(t) ? Severity.BLOCKER : Severity.WARNING;
        if (t.sharedInformation() == null || Texts.blank(t.sharedInformation().purpose())) {
            f.report(severity, "/terms/sharedInformation/purpose", "purpose");
        }
        if (t.sharingPeriod() == null || t.sharingPeriod().yearsAfterTermination() == null) {
            f.report(severity, "/terms/sharingPeriod", "period");
        }
        boolean stated = t.personalInformation() != null && !Texts.blank(t.personalInformation().returnOrDeletion());
        if (!stated && !f.scan().anyClause(returnOrDeletion)) {
            f.report(severity, "/terms/personalInformation/returnOrDeletion", "returnOrDeletion");
        }
        Integer years = t.sharingPeriod() == null ? null : t.sharingPeriod().yearsAfterTermination();
        if (stated && years != null && years > 0) {
            // "终止后30日内删除" while the recipient may use the data for years after the end: one of them is wrong
            // (an outside tester: the obligations then asked for deletion eleven months before the use ended)
            // the unit in the message's own words, not the contract's (an English reader read "within 30日")
            io.qiyue.contract.ReturnDeadline.afterContractEnd(t.personalInformation().returnOrDeletion())
                    .ifPresent(limit -> f.report(Severity.WARNING, "/terms/personalInformation/returnOrDeletion",
                            limit.workingDays() ? "returnBeforeSharingEndsWorkingDays" : "returnBeforeSharingEnds",
                            limit.days(), years));
        }
    }
}

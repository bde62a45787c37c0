package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C014: purpose, sharing period, and return or deletion at the end (PIPL 第21、23、47条); BLOCKER when personal information is shared. */
final class C014Sharing implements Rule {
    @Override
    public String id() {
        return "QY-C014";
    }

    private final int returnOrDeletion;

    C014Sharing(RuleConfig config, TextScanner scanner) {
        this.returnOrDeletion = scanner.register(config.wordPattern("returnOrDeletionWords"));
    }

    @Override
    public java.util.Set<ContractType> types() {
        return java.util.Set.of(ContractType.INFO_SHARING);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
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
            var m = DAYS_AFTER_TERMINATION.matcher(t.personalInformation().returnOrDeletion());
            if (m.find()) {
                // the unit in the message's own words, not the contract's (an English reader read "within 30日")
                f.report(Severity.WARNING, "/terms/personalInformation/returnOrDeletion",
                        m.group(2).equals("个工作日") ? "returnBeforeSharingEndsWorkingDays" : "returnBeforeSharingEnds",
                        m.group(1), years);
            }
        }
    }

    /** A return or deletion counted from the contract's end (not from the end of the sharing period). */
    private static final java.util.regex.Pattern DAYS_AFTER_TERMINATION =
            java.util.regex.Pattern.compile("(?:终止|解除|到期|期满)(?:或(?:到期|期满|终止|解除))?后\\s*(\\d{1,3})\\s*(个工作日|日|天)内");
}

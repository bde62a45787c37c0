package io.qiyue.review.rules;

import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-P002: the recipient's name and contact and the processing method are stated (PIPL 第23条; purpose: QY-C014, categories: QY-C002). */
final class P002Recipient implements Rule {
    @Override
    public String id() {
        return "QY-P002";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        return types().contains(s.contract().type()) && Texts.sharesPersonalInformation(s.terms());
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var pi = s.terms().personalInformation();
        var recipient = pi == null ? null : pi.recipient();
        if (recipient == null || Texts.blank(recipient.name())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/name", "name");
        }
        if (recipient == null || Texts.blank(recipient.contact())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/recipient/contact", "contact");
        }
        if (pi == null || Texts.blank(pi.processingMethod())) {
            f.report(Severity.BLOCKER, "/terms/personalInformation/processingMethod", "method");
        }
    }
}

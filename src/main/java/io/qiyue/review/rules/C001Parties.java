package io.qiyue.review.rules;

import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C001: both parties have a legal name and address, organisations a credit code (its check digit is QY-I001's). */
final class C001Parties implements Rule {
    @Override
    public String id() {
        return "QY-C001";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        party(s.customer(), "/customerId", "customer", f);
        party(s.ourEntity(), "/ourEntityId", "ourEntity", f);
    }

    private static void party(ContractParty p, String path, String who, Findings f) {
        if (p == null) {
            f.report(Severity.BLOCKER, path, who + ".missing");
            return;
        }
        if (Texts.blank(p.name())) {
            f.report(Severity.BLOCKER, path, who + ".name");
        }
        if (Texts.blank(p.address())) {
            f.report(Severity.BLOCKER, path, who + ".address");
        }
        if (p.kind() == CustomerKind.ORGANIZATION && Texts.blank(p.creditCode())) {
            f.report(Severity.BLOCKER, path, who + ".creditCode");
        }
    }
}

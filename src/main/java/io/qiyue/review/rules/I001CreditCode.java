package io.qiyue.review.rules;

import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.CustomerKind;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-I001: 统一社会信用代码 of organisations pass the GB 32100-2015 check. */
final class I001CreditCode implements Rule {
    @Override
    public String id() {
        return "QY-I001";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        check(s.customer(), "/customerId", "customer", f);
        check(s.ourEntity(), "/ourEntityId", "ourEntity", f);
    }

    private static void check(ContractParty p, String path, String who, Findings f) {
        if (p == null || p.kind() != CustomerKind.ORGANIZATION || Texts.blank(p.creditCode())) {
            return; // absent: QY-C001
        }
        var problem = CreditCode.check(CreditCode.normalise(p.creditCode()));
        if (problem != null) {
            f.report(Severity.BLOCKER, path, who + "." + problem.name(), p.creditCode());
        }
    }
}

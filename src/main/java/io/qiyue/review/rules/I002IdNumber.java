package io.qiyue.review.rules;

import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.IdNumber;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-I002: 居民身份证号码 of persons pass the GB 11643-1999 check with a real, past birth date (the number is never put in the message). */
final class I002IdNumber implements Rule {
    @Override
    public String id() {
        return "QY-I002";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var p = s.customer();
        if (p == null || p.kind() != CustomerKind.PERSON || Texts.blank(p.idNumber())) {
            return;
        }
        var problem = IdNumber.check(IdNumber.normalise(p.idNumber()), s.reviewDate());
        if (problem != null) {
            f.report(Severity.BLOCKER, "/customerId", problem.name());
        }
    }
}

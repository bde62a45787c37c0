package io.qiyue.review.rules;

import io.qiyue.customer.CustomerStatus;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/**
 * QY-I003: the customer is active and the name on the contract is its registered name. A blacklisted customer
 * is a BLOCKER: the company decided not to contract with it (internal control of counterparties' standing and
 * credit, 企业内部控制应用指引第16号), so no contract with it can be submitted.
 */
final class I003Customer implements Rule {
    @Override
    public String id() {
        return "QY-I003";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var p = s.customer();
        if (p == null) {
            return;
        }
        if (p.status() == CustomerStatus.BLACKLISTED) {
            f.reportCiting(Severity.BLOCKER, "/customerId", "blacklisted", "status." + p.status().name(), p.name());
        } else if (p.status() != null && p.status() != CustomerStatus.ACTIVE) {
            f.report(Severity.WARNING, "/customerId", "status." + p.status().name(), p.name());
        }
        String onContract = s.contract().customerName();
        if (onContract != null && p.name() != null && !onContract.strip().equals(p.name().strip())) {
            f.report(Severity.WARNING, "/customerId", "name", onContract, p.name());
        }
    }
}

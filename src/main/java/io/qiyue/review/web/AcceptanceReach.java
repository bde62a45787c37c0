package io.qiyue.review.web;

import io.qiyue.review.Finding;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * How many other warnings an acceptance takes with it. An acceptance covers the rule's findings at the finding's
 * path (at its span's start, when it has one), so accepting one of three QY-P007 warnings of the same part accepted
 * all three, which the panel did not say (an outside tester). For templates: {@code ${@acceptanceReach.others(list, f)}}.
 */
@Component("acceptanceReach")
class AcceptanceReach {

    public long others(List<Finding> findings, Finding finding) {
        return findings.stream().filter(other -> other != finding && other.accepted() == null
                && other.severity() == finding.severity() && other.ruleId().equals(finding.ruleId())
                && other.path().equals(finding.path())
                && (finding.span() == null || other.span() != null && other.span().start() == finding.span().start()))
                .count();
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.ContractTerms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C002: the subject matter is present, per type. */
final class C002Subject implements Rule {
    @Override
    public String id() {
        return "QY-C002";
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        ContractTerms t = s.terms();
        switch (s.contract().type()) {
            case SERVICE -> {
                if (t.service() == null || Texts.empty(t.service().items())) {
                    f.report(Severity.BLOCKER, "/terms/service/items", "service");
                }
            }
            case CONFIDENTIALITY -> {
                var info = t.confidentialInformation();
                if (info == null || (Texts.empty(info.categories()) && Texts.blank(info.description()))) {
                    f.report(Severity.BLOCKER, "/terms/confidentialInformation", "confidentiality");
                }
            }
            case MAINTENANCE -> {
                if (t.maintenance() == null || Texts.empty(t.maintenance().items())) {
                    f.report(Severity.BLOCKER, "/terms/maintenance/items", "maintenance");
                }
            }
            case CONSULTING -> {
                if (t.consulting() == null || Texts.blank(t.consulting().scope())) {
                    f.report(Severity.BLOCKER, "/terms/consulting/scope", "consulting");
                }
            }
            case INFO_SHARING -> {
                if (t.sharedInformation() == null || Texts.empty(t.sharedInformation().categories())) {
                    f.report(Severity.BLOCKER, "/terms/sharedInformation/categories", "sharing");
                }
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.ContractTerms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;

/** QY-C003: a quality standard: service standards (SERVICE), response hours (MAINTENANCE), acceptance of deliverables (CONSULTING). */
final class C003Quality implements Rule {
    @Override
    public String id() {
        return "QY-C003";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return PRICED;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        ContractTerms t = s.terms();
        switch (s.contract().type()) {
            case SERVICE -> {
                var service = t.service();
                boolean itemsHaveStandards = service != null && !Texts.empty(service.items())
                        && service.items().stream().allMatch(i -> i != null && !Texts.blank(i.standard()));
                if (service == null || (Texts.blank(service.qualityRequirements()) && !itemsHaveStandards)) {
                    f.report(Severity.WARNING, "/terms/service/qualityRequirements", "service");
                }
            }
            case MAINTENANCE -> {
                if (t.maintenance() == null || t.maintenance().responseHours() == null) {
                    f.report(Severity.WARNING, "/terms/maintenance/responseHours", "maintenance");
                }
            }
            case CONSULTING -> {
                if (t.consulting() == null || Texts.blank(t.consulting().qualityRequirements())) {
                    f.report(Severity.WARNING, "/terms/consulting/qualityRequirements", "consulting");
                }
            }
            default -> {
            }
        }
    }
}

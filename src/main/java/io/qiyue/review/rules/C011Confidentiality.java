package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.EnumSet;

/** QY-C011: a confidentiality clause (民法典第501条, 第509条). */
final class C011Confidentiality implements Rule {
    @Override
    public String id() {
        return "QY-C011";
    }

    private static final java.util.Set<ContractType> TYPES = EnumSet.of(ContractType.SERVICE, ContractType.MAINTENANCE,
            ContractType.CONSULTING, ContractType.INFO_SHARING);

    @Override
    public java.util.Set<ContractType> types() {
        return TYPES;
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (Texts.empty(s.terms().confidentialityObligations())) {
            boolean defaulted = s.suppliedByTemplate("/terms/confidentialityObligations");
            f.report(defaulted ? Severity.INFO : Severity.WARNING, "/terms/confidentialityObligations",
                    defaulted ? "defaulted" : "missing");
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.ContractType;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** QY-C012: an NDA defines its period (with post-termination confidentiality, 民法典第558条), its obligations and the four standard exclusions. */
final class C012Nda implements Rule {
    @Override
    public String id() {
        return "QY-C012";
    }

    private final Map<String, Pattern> exclusions = new LinkedHashMap<>();
    private final int longestYearsAfterTermination;

    C012Nda(RuleConfig config) {
        this.longestYearsAfterTermination = config.integer("longestYearsAfterTermination");
        var node = config.parameter("exclusions");
        for (String key : node.propertyNames()) {
            var words = new ArrayList<>(RuleConfig.strings(node.path(key)));
            exclusions.put(key, Pattern.compile(String.join("|", words.stream().map(Pattern::quote).toList())));
        }
    }

    @Override
    public java.util.Set<ContractType> types() {
        return java.util.Set.of(ContractType.CONFIDENTIALITY);
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var t = s.terms();
        if (t.confidentialityPeriod() == null || t.confidentialityPeriod().yearsAfterTermination() == null) {
            boolean defaulted = s.suppliedByTemplate("/terms/confidentialityPeriod");
            f.report(defaulted ? Severity.INFO : Severity.WARNING, "/terms/confidentialityPeriod",
                    defaulted ? "periodDefaulted" : "period");
        } else if (t.confidentialityPeriod().yearsAfterTermination() == 0) {
            f.reportCiting(Severity.WARNING, "/terms/confidentialityPeriod/yearsAfterTermination", "afterTermination",
                    "afterTermination");
        } else if (t.confidentialityPeriod().yearsAfterTermination() > longestYearsAfterTermination) {
            // a hundred years binds people who will never learn of it, and a court weighs such a term against the
            // information's worth; a trade secret is better kept "until it becomes public", which the template says
            f.report(Severity.WARNING, "/terms/confidentialityPeriod/yearsAfterTermination", "periodTooLong",
                    t.confidentialityPeriod().yearsAfterTermination(), longestYearsAfterTermination);
        }
        if (Texts.empty(t.confidentialityObligations())) {
            boolean defaulted = s.suppliedByTemplate("/terms/confidentialityObligations");
            f.report(defaulted ? Severity.INFO : Severity.WARNING, "/terms/confidentialityObligations",
                    defaulted ? "obligationsDefaulted" : "obligations");
        }
        List<String> texts = t.confidentialInformation() == null || t.confidentialInformation().exclusions() == null
                ? List.of() : t.confidentialInformation().exclusions();
        if (texts.isEmpty() && s.suppliedByTemplate("/terms/confidentialInformation/exclusions")) {
            // the document prints the template's exclusions: those are what the contract excepts
            texts = List.of(s.suppliedByTemplate().get("/terms/confidentialInformation/exclusions"));
        }
        for (var exclusion : exclusions.entrySet()) {
            if (texts.stream().noneMatch(x -> x != null && exclusion.getValue().matcher(x).find())) {
                f.report(Severity.WARNING, "/terms/confidentialInformation/exclusions", "exclusion." + exclusion.getKey());
            }
        }
    }
}

package io.qiyue.review.rules;

import io.qiyue.contract.Terms;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * QY-P007: security measures of PIPL 第51条: internal rules, classification, encryption or de-identification, access and
 * training, incident response; of an information-sharing agreement that shares personal information, and in the words
 * of a confidentiality agreement whose confidential information includes it.
 */
final class P007Security implements Rule {
    @Override
    public String id() {
        return "QY-P007";
    }

    @Override
    public java.util.Set<io.qiyue.contract.ContractType> types() {
        return java.util.Set.of(io.qiyue.contract.ContractType.INFO_SHARING,
                io.qiyue.contract.ContractType.CONFIDENTIALITY);
    }

    @Override
    public boolean appliesTo(ReviewSubject s) {
        return s.contract().type() == io.qiyue.contract.ContractType.INFO_SHARING
                ? Texts.sharesPersonalInformation(s.terms()) : Texts.confidentialPersonalInformation(s);
    }

    private final Map<String, Pattern> aspects = new LinkedHashMap<>();

    P007Security(RuleConfig config) {
        var node = config.parameter("aspects");
        for (String key : node.propertyNames()) {
            aspects.put(key, Pattern.compile(String.join("|", RuleConfig.strings(node.path(key)).stream()
                    .map(Pattern::quote).toList())));
        }
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        if (s.contract().type() == io.qiyue.contract.ContractType.CONFIDENTIALITY) {
            // an NDA keeps the information secret; 第51条's measures are more, and only its words can state them
            var words = new java.util.ArrayList<String>();
            s.clauses().forEach(c -> words.add(c.text()));
            words.add(s.suppliedByTemplate().getOrDefault("", ""));
            String path = "/terms/confidentialityObligations";
            if (aspects.values().stream().noneMatch(p -> words.stream().anyMatch(w -> p.matcher(w).find()))) {
                f.report(Severity.WARNING, path, "missing");
            } else {
                checkAspects(words, path, f);
            }
            return;
        }
        var pi = s.terms().personalInformation();
        List<String> measures = pi == null || pi.securityMeasures() == null ? List.of() : pi.securityMeasures();
        String path = "/terms/personalInformation/securityMeasures";
        if (measures.isEmpty()) {
            if (pi == null || pi.processingRole() != Terms.ProcessingRole.ENTRUSTED) {
                f.report(Severity.WARNING, path, "missing"); // entrusted: QY-P006 reports it as a blocker
            }
            return;
        }
        checkAspects(measures, path, f);
    }

    private void checkAspects(List<String> measures, String path, Findings f) {
        for (var aspect : aspects.entrySet()) {
            if (measures.stream().noneMatch(m -> m != null && aspect.getValue().matcher(m).find())) {
                f.report(Severity.WARNING, path, "aspect." + aspect.getKey());
            }
        }
    }
}

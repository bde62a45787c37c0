package io.qiyue.review.rules;

import io.qiyue.review.Severity;

/** QY-V004: exemption from liability for personal injury, or for property loss caused intentionally or by gross negligence, is void (民法典第506条). */
final class V004Exemption extends SpanPatternRule {
    V004Exemption(RuleConfig config, TextScanner scanner) {
        super(config, scanner, Severity.BLOCKER, "exemption");
    }

    @Override
    public String id() {
        return "QY-V004";
    }
}

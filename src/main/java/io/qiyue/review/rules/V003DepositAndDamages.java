package io.qiyue.review.rules;

import io.qiyue.review.Severity;

/** QY-V003: deposit and liquidated damages stipulated to apply together: only one may be chosen (民法典第588条). */
final class V003DepositAndDamages extends SpanPatternRule {
    V003DepositAndDamages(RuleConfig config, TextScanner scanner) {
        super(config, scanner, Severity.WARNING, "together");
    }

    @Override
    public String id() {
        return "QY-V003";
    }
}

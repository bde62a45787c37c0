package io.qiyue.review;

import io.qiyue.contract.Terms.DamagesBasis;
import io.qiyue.contract.Terms.LiquidatedDamages;
import io.qiyue.shared.FieldViolation;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.qiyue.contract.ContractType.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings as data: declared with bounds in the ruleset, applied by the engine, recorded with every evaluation. */
class ReviewSettingsTest {
    static final SettingKey THRESHOLD = new SettingKey("QY-V001", "thresholdPercent");
    static final Ruleset SHIPPED = Ruleset.standard();

    /** A contract whose liquidated damages are {@code percent}% of the amount. */
    static ReviewSubject damagesOf(String percent) {
        return Spec.valid(SERVICE)
                .with(s -> s.damages = new LiquidatedDamages(DamagesBasis.PERCENT_OF_AMOUNT, new BigDecimal(percent)))
                .subject();
    }

    static List<RawFinding> v001(String threshold, ReviewSubject subject) {
        var ruleset = SHIPPED.withSettings(1, Map.of(THRESHOLD, new BigDecimal(threshold)));
        return new ReviewEngine(ruleset, ReviewEngine.defaultMessages()).evaluate(subject).findings().stream()
                .filter(f -> f.ruleId().equals("QY-V001")).toList();
    }

    @Test
    void damagesOfTwentyPercentAreExcessiveOnlyUnderAThresholdBelowTwenty() {
        var twenty = damagesOf("20");
        for (String threshold : List.of("1", "5", "19", "19.99")) {
            var findings = v001(threshold, twenty);
            assertThat(findings).as("threshold %s", threshold).hasSize(1);
            assertThat(findings.getFirst().args()).as("the message names the threshold applied")
                    .containsExactly("20", threshold);
        }
        for (String threshold : List.of("20", "20.01", "30", "100")) {
            assertThat(v001(threshold, twenty)).as("threshold %s", threshold).isEmpty();
        }
        assertThat(ValidContractsTest.ENGINE.evaluate(twenty).findings()).as("the default of 30").isEmpty();
        assertThat(ValidContractsTest.ENGINE.evaluate(damagesOf("31")).findings())
                .extracting(RawFinding::ruleId).containsExactly("QY-V001");
    }

    @Test
    void everyEvaluationRecordsTheRulesetVersionAndSettingsRevisionItRanWith() {
        var subject = damagesOf("20");
        var defaults = ValidContractsTest.ENGINE.evaluate(subject);
        assertThat(defaults.settingsRevision()).isZero();
        assertThat(defaults.rulesetVersion()).isEqualTo(SHIPPED.version());

        var engine = new ReviewEngine(SHIPPED.withSettings(7, Map.of(THRESHOLD, new BigDecimal("15"))),
                ReviewEngine.defaultMessages());
        var changed = engine.evaluate(subject);
        assertThat(engine.settingsRevision()).isEqualTo(7);
        assertThat(changed.settingsRevision()).isEqualTo(7);
        assertThat(changed.rulesetVersion()).isEqualTo(SHIPPED.version());
        assertThat(engine.review(subject, Locale.ENGLISH).settingsRevision()).isEqualTo(7);
        assertThat(engine.evaluate(subject)).as("same contract, ruleset and settings: same findings").isEqualTo(changed);
    }

    @Test
    void applyingSettingsLeavesTheShippedRulesetAsItWas() {
        SHIPPED.withSettings(3, Map.of(THRESHOLD, new BigDecimal("5")));
        assertThat(SHIPPED.config("QY-V001").decimal("thresholdPercent")).isEqualByComparingTo("30");
        assertThat(SHIPPED.settingsRevision()).isZero();
    }

    @Test
    void theRulesetDeclaresTheThresholdWithTypeBoundsAndLabelsInBothLanguages() {
        assertThat(SHIPPED.settings()).extracting(SettingDefinition::key)
                .containsExactly(new SettingKey("QY-C012", "longestYearsAfterTermination"), THRESHOLD);
        var threshold = SHIPPED.setting(THRESHOLD).orElseThrow();
        assertThat(threshold.type()).isEqualTo(SettingDefinition.Type.DECIMAL);
        assertThat(threshold.min()).isEqualByComparingTo("1");
        assertThat(threshold.max()).isEqualByComparingTo("100");
        assertThat(threshold.fractionDigits()).isEqualTo(2);
        assertThat(threshold.defaultValue()).isEqualByComparingTo("30");
        assertThat(threshold.label(Locale.SIMPLIFIED_CHINESE)).contains("违约金");
        assertThat(threshold.label(Locale.ENGLISH)).contains("damages");
        assertThat(threshold.description(Locale.SIMPLIFIED_CHINESE)).contains("QY-V001");
        assertThat(threshold.description(Locale.ENGLISH)).contains("QY-V001");
        assertThat(SHIPPED.setting(new SettingKey("QY-V002", "maxPercent"))).isEmpty();
        var longest = SHIPPED.setting(new SettingKey("QY-C012", "longestYearsAfterTermination")).orElseThrow();
        assertThat(longest.type()).isEqualTo(SettingDefinition.Type.INTEGER);
        assertThat(longest.defaultValue()).isEqualByComparingTo("10");
        assertThat(longest.label(Locale.ENGLISH)).contains("years");
    }

    @Test
    void aValueIsCheckedAgainstTheDeclaration() {
        var threshold = SHIPPED.setting(THRESHOLD).orElseThrow();
        assertThat(codes(threshold, null)).containsExactly("qiyue.validation.required");
        assertThat(codes(threshold, "0")).containsExactly("qiyue.validation.range");
        assertThat(codes(threshold, "100.01")).containsExactly("qiyue.validation.range");
        assertThat(codes(threshold, "1e3")).containsExactly("qiyue.validation.range");
        assertThat(codes(threshold, "25.555")).containsExactly("qiyue.review.setting.fraction-digits");
        assertThat(codes(threshold, "0.001")).containsExactly("qiyue.review.setting.fraction-digits",
                "qiyue.validation.range");
        for (String fine : List.of("1", "25.5", "25.50", "2.5E+1", "100")) {
            assertThat(codes(threshold, fine)).as(fine).isEmpty();
        }
        assertThat(threshold.check(new BigDecimal("0"))).allMatch(v -> v.field().equals("value"))
                .extracting(FieldViolation::args).containsExactly(List.of("1", "100"));

        var whole = new SettingDefinition(new SettingKey("QY-X", "days"), SettingDefinition.Type.INTEGER,
                BigDecimal.ONE, BigDecimal.TEN, 2, BigDecimal.ONE, "天数", null, null, null);
        assertThat(whole.fractionDigits()).as("an integer has none").isZero();
        assertThat(codes(whole, "2.5")).containsExactly("qiyue.review.setting.integer");
        assertThat(codes(whole, "2.0")).isEmpty();
    }

    @Test
    void storedValuesAreWrittenPlainAndOneOutOfBoundsFallsBackToTheDefault() {
        assertThat(SettingDefinition.plain(new BigDecimal("25.00"))).isEqualTo("25");
        assertThat(SettingDefinition.plain(new BigDecimal("2.5E+1"))).isEqualTo("25");
        assertThat(SettingDefinition.plain(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(SettingDefinition.plain(new BigDecimal("19.90"))).isEqualTo("19.9");
        var threshold = SHIPPED.setting(THRESHOLD).orElseThrow();
        assertThat(threshold.effective(null)).isEqualByComparingTo("30");
        assertThat(threshold.effective(new BigDecimal("12"))).isEqualByComparingTo("12");
        assertThat(threshold.effective(new BigDecimal("500"))).as("a later ruleset narrowed the bounds")
                .isEqualByComparingTo("30");
    }

    @Test
    void onlyDeclaredSettingsWithinTheirBoundsCanBeApplied() {
        assertThatThrownBy(() -> SHIPPED.withSettings(1, Map.of(new SettingKey("QY-V002", "maxPercent"), BigDecimal.TEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a setting");
        assertThatThrownBy(() -> SHIPPED.withSettings(1, Map.of(THRESHOLD, new BigDecimal("0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of bounds");
    }

    @Test
    void aRulesetWithAnIncompleteSettingOrADefaultOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> load("""
                { "rulesetVersion": "t", "rules": { "QY-V001": { "parameters": { "thresholdPercent":
                  { "value": 30, "setting": { "type": "decimal", "max": 100, "label": "阈值" } } } } } }"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks min");
        assertThatThrownBy(() -> load("""
                { "rulesetVersion": "t", "rules": { "QY-V001": { "parameters": { "thresholdPercent":
                  { "value": 300, "setting": { "type": "decimal", "min": 1, "max": 100, "label": "阈值" } } } } } }"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside its bounds");
        assertThat(load("""
                { "rulesetVersion": "t", "rules": { "QY-V001": { "parameters": { "thresholdPercent":
                  { "value": 30, "setting": { "type": "integer", "min": 1, "max": 100, "label": "阈值" } } } } } }""")
                .settings()).extracting(SettingDefinition::type).containsExactly(SettingDefinition.Type.INTEGER);
    }

    @Test
    void theRemovedConfigurationPropertiesStopTheStartWithTheWayForward() {
        ReviewEngines.refuseRemovedProperties(new MockEnvironment());
        var configured = new MockEnvironment().withProperty("qiyue.review.settings.QY-V001.thresholdPercent", "5");
        assertThatThrownBy(() -> ReviewEngines.refuseRemovedProperties(configured))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("qiyue.review.settings")
                .hasMessageContaining("/api/v1/reviews/settings");
    }

    private static Ruleset load(String json) {
        return Ruleset.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> codes(SettingDefinition definition, String value) {
        return definition.check(value == null ? null : new BigDecimal(value)).stream().map(FieldViolation::code).toList();
    }
}

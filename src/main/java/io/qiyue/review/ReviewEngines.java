package io.qiyue.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The review engine of the current settings, shared by every review. An engine costs a catalogue and a
 * text scanner to build, so it is kept and rebuilt only when the settings revision moved. Each call reads
 * that revision (one primary-key row), which is how a change saved by another instance on the same database
 * is noticed too. Long runs, the portfolio re-review, take an engine once and keep it.
 */
@Component
class ReviewEngines implements io.qiyue.contract.ReviewRulesInForce {
    static final String REMOVED_PROPERTIES = "qiyue.review.settings";
    private static final Logger log = LoggerFactory.getLogger(ReviewEngines.class);

    private final SettingsStore store;
    private final Ruleset shipped = Ruleset.standard();
    private final MessageSource messages = ReviewEngine.defaultMessages();
    private volatile ReviewEngine cached;

    ReviewEngines(SettingsStore store, Environment environment) {
        refuseRemovedProperties(environment);
        this.store = store;
    }

    /**
     * Settings used to be configuration properties. Starting without them would silently review with other
     * thresholds than the installation chose, so an installation that still sets one is stopped with the way
     * forward instead.
     */
    static void refuseRemovedProperties(Environment environment) {
        Map<String, String> removed = Binder.get(environment)
                .bind(REMOVED_PROPERTIES, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        if (!removed.isEmpty()) {
            throw new IllegalStateException(REMOVED_PROPERTIES + ".* is no longer read (found " + removed + "):"
                    + " review settings are stored in the database now. Remove the property, start Qiyue and set the"
                    + " value under /admin/reviews or with PUT /api/v1/reviews/settings/{ruleId}/{parameter}.");
        }
    }

    @Override
    public String rulesetVersion() {
        return shipped.version();
    }

    /** The ruleset as shipped, with its default settings: the definitions of the settings. */
    Ruleset shipped() {
        return shipped;
    }

    /** The engine of the settings stored now. */
    ReviewEngine current() {
        var engine = cached;
        if (engine != null && engine.settingsRevision() == store.revision()) {
            return engine;
        }
        return rebuild();
    }

    /** A stored review in a language; needs no engine of particular settings, so no database read. */
    Review localise(Evaluation evaluation, Locale locale) {
        return ReviewEngine.localise(evaluation, locale, messages);
    }

    private synchronized ReviewEngine rebuild() {
        var snapshot = store.snapshot();
        var engine = cached;
        if (engine != null && engine.settingsRevision() == snapshot.revision()) {
            return engine; // another thread rebuilt it meanwhile
        }
        engine = new ReviewEngine(shipped.withSettings(snapshot.revision(), applicable(snapshot)), messages);
        cached = engine;
        log.info("review engine rebuilt for settings revision {}", snapshot.revision());
        return engine;
    }

    /**
     * The stored values that replace defaults. One that the shipped ruleset no longer declares as a
     * setting, or no longer allows, is left out with a warning: the review runs with the default, as the
     * settings overview shows.
     */
    private Map<SettingKey, BigDecimal> applicable(SettingsStore.Snapshot snapshot) {
        var values = new LinkedHashMap<SettingKey, BigDecimal>();
        for (var stored : snapshot.settings()) {
            if (stored.value() == null) {
                continue;
            }
            var definition = shipped.setting(stored.key());
            if (definition.isEmpty() || !definition.get().check(stored.value()).isEmpty()) {
                log.warn("stored review setting {} = {} does not fit ruleset {}; the default applies", stored.key(),
                        SettingDefinition.plain(stored.value()), shipped.version());
                continue;
            }
            values.put(stored.key(), stored.value());
        }
        return values;
    }
}

package io.qiyue.review;

import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.EntityChanged;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.PreconditionFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * The review settings (admins only): the parameters that {@code review/ruleset.json} declares as settings,
 * with the values admins chose. A change is one transaction: the setting's value and version (If-Match),
 * the next settings revision, its history row and the audit entry; nothing of it without the rest. Reviews
 * started after the commit run with the new value and record the new revision.
 */
@Service
public class ReviewSettings {
    static final String AUDIT_TYPE = "REVIEW_SETTING";

    private final SettingsStore store;
    private final ReviewEngines engines;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ReviewSettings(SettingsStore store, ReviewEngines engines, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.engines = engines;
        this.clock = clock;
        this.events = events;
    }

    /** Every setting with its current value, and the revision a review started now records. */
    @Transactional(readOnly = true)
    public SettingsOverview overview(Locale locale) {
        requireAdmin();
        var snapshot = store.snapshot();
        var stored = new HashMap<SettingKey, SettingsStore.Stored>();
        snapshot.settings().forEach(s -> stored.put(s.key(), s));
        var items = engines.shipped().settings().stream()
                .map(d -> view(d, stored.get(d.key()), locale))
                .toList();
        return new SettingsOverview(engines.shipped().version(), snapshot.revision(), items);
    }

    /** One setting; 404 when the ruleset has no such setting. */
    @Transactional(readOnly = true)
    public ReviewSetting get(SettingKey key, Locale locale) {
        requireAdmin();
        var definition = definition(key);
        return view(definition, store.find(key).orElse(null), locale);
    }

    /**
     * Sets a value: 404 for an unknown setting, 400 naming {@code value} when it breaks the setting's type or
     * bounds, 412 when the setting's version is not {@code expectedVersion}. Setting the value it already has
     * changes nothing (no new revision). A value equal to the default is still kept as the admin's choice:
     * a later ruleset with another default does not move it.
     */
    @Transactional
    public ReviewSetting change(SettingKey key, int expectedVersion, BigDecimal value, Locale locale) {
        requireAdmin();
        var definition = definition(key);
        var violations = definition.check(value);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return write(definition, expectedVersion, new BigDecimal(SettingDefinition.plain(value)), locale);
    }

    /** Back to the ruleset's default (the admin's value is forgotten); 404 and 412 as for {@link #change}. */
    @Transactional
    public ReviewSetting reset(SettingKey key, int expectedVersion, Locale locale) {
        requireAdmin();
        return write(definition(key), expectedVersion, null, locale);
    }

    /** The changes, newest first: which setting, from what to what (null: the default), who and when. */
    @Transactional(readOnly = true)
    public PageResult<SettingChange> history(Integer page, Integer size) {
        requireAdmin();
        return store.changes(page, size);
    }

    private ReviewSetting write(SettingDefinition definition, int expectedVersion, BigDecimal value, Locale locale) {
        var key = definition.key();
        int revision = store.lockRevision() + 1; // from here on no other change of settings interleaves
        var current = store.find(key);
        int version = current.map(SettingsStore.Stored::version).orElse(0);
        if (version != expectedVersion) {
            throw new PreconditionFailedException("qiyue.problem.stale", version);
        }
        BigDecimal before = current.map(SettingsStore.Stored::value).orElse(null);
        if (same(before, value)) {
            return view(definition, current.orElse(null), locale);
        }
        String user = CurrentUsers.require().username();
        Instant now = clock.instant();
        String text = value == null ? null : SettingDefinition.plain(value);
        if (current.isEmpty()) {
            store.insert(key, text, revision, user, now);
        } else if (!store.update(key, text, expectedVersion, revision, user, now)) {
            throw new IllegalStateException("setting " + key + " changed under the revision lock");
        }
        store.revision(revision);
        store.recordChange(new SettingChange(revision, key.ruleId(), key.parameter(), before, value, user, now));
        events.publishEvent(new EntityChanged(AUDIT_TYPE, key.toString(), before == null ? EntityChanged.Action.CREATE
                : value == null ? EntityChanged.Action.DELETE : EntityChanged.Action.UPDATE, CurrentUsers.actorName(), now,
                List.of(new EntityChanged.Change("value", SettingDefinition.plain(definition.effective(before)),
                                SettingDefinition.plain(definition.effective(value))),
                        new EntityChanged.Change("settingsRevision", String.valueOf(revision - 1),
                                String.valueOf(revision)))));
        return view(definition, store.find(key).orElseThrow(), locale);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private SettingDefinition definition(SettingKey key) {
        return engines.shipped().setting(key)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "review-setting", key));
    }

    private static ReviewSetting view(SettingDefinition d, SettingsStore.Stored stored, Locale locale) {
        BigDecimal value = stored == null ? null : stored.value();
        BigDecimal effective = d.effective(value);
        return new ReviewSetting(d.key().ruleId(), d.key().parameter(), d.label(locale), d.description(locale), d.type(),
                d.min(), d.max(), d.fractionDigits(), d.defaultValue(), effective,
                value != null && same(effective, value), stored == null ? 0 : stored.version(),
                stored == null ? null : stored.revision(), stored == null ? null : stored.updatedBy(),
                stored == null ? null : stored.updatedAt());
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().isAdmin()) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }
}

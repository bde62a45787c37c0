package io.qiyue.review;

import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review_setting tables: the value an admin gave each setting (null once reset to the default; the
 * row stays so that its version keeps counting), every change numbered by the settings revision it
 * created, and the current revision in a one-row table.
 */
@Component
class SettingsStore {
    private static final Map<String, String> HISTORY_SORT = Map.of("revision", "revision");

    /**
     * What the database holds for a setting; {@code value} null means the ruleset's default, {@code revision}
     * is the settings revision of its last change.
     */
    record Stored(SettingKey key, BigDecimal value, int version, int revision, String updatedBy, Instant updatedAt) {
    }

    /** The settings revision with every stored setting, as of one moment. */
    record Snapshot(int revision, List<Stored> settings) {
    }

    private final JdbcClient jdbc;

    SettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current settings revision: a primary-key read, cheap enough to make before every review. */
    int revision() {
        return jdbc.sql("SELECT revision FROM review_settings_revision WHERE id = 1").query(Integer.class).single();
    }

    /**
     * The revision and the stored settings read by one statement, so both come from the same committed
     * state: two statements could straddle a change and label new values with the old revision.
     */
    Snapshot snapshot() {
        var settings = new ArrayList<Stored>();
        int[] revision = {-1};
        jdbc.sql("SELECT r.revision AS current_revision, s.rule_id, s.parameter_name, s.setting_value, s.version,"
                        + " s.revision, s.updated_by, s.updated_at"
                        + " FROM review_settings_revision r LEFT JOIN review_setting s ON 1 = 1 WHERE r.id = 1"
                        + " ORDER BY s.rule_id, s.parameter_name")
                .query(rs -> {
                    revision[0] = rs.getInt("current_revision");
                    if (rs.getString("rule_id") != null) {
                        settings.add(stored(rs));
                    }
                });
        if (revision[0] < 0) {
            throw new IllegalStateException("review_settings_revision has no row");
        }
        return new Snapshot(revision[0], List.copyOf(settings));
    }

    Optional<Stored> find(SettingKey key) {
        return jdbc.sql("SELECT rule_id, parameter_name, setting_value, version, revision, updated_by, updated_at"
                        + " FROM review_setting"
                        + " WHERE rule_id = ? AND parameter_name = ?")
                .params(key.ruleId(), key.parameter())
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /**
     * Locks the revision row until the transaction ends and returns the revision: changes of settings are
     * checked and written one at a time under this lock. Reviews only read the row and never wait for it.
     */
    int lockRevision() {
        return jdbc.sql("SELECT revision FROM review_settings_revision WHERE id = 1 FOR UPDATE").query(Integer.class)
                .single();
    }

    /** Sets the revision; only under {@link #lockRevision()}. */
    void revision(int revision) {
        jdbc.sql("UPDATE review_settings_revision SET revision = ? WHERE id = 1").param(revision).update();
    }

    /** The first value of a setting (version 1), made in settings revision {@code revision}. */
    void insert(SettingKey key, String value, int revision, String by, Instant at) {
        jdbc.sql("INSERT INTO review_setting (rule_id, parameter_name, setting_value, version, revision, updated_by,"
                        + " updated_at) VALUES (?,?,?,1,?,?,?)")
                .params(key.ruleId(), key.parameter(), value, revision, by, DbTime.toDb(at)).update();
    }

    /** Replaces the value (null: back to the default) if the version is still {@code expectedVersion}. */
    boolean update(SettingKey key, String value, int expectedVersion, int revision, String by, Instant at) {
        return jdbc.sql("UPDATE review_setting SET setting_value = ?, version = version + 1, revision = ?,"
                        + " updated_by = ?, updated_at = ? WHERE rule_id = ? AND parameter_name = ? AND version = ?")
                .params(value, revision, by, DbTime.toDb(at), key.ruleId(), key.parameter(), expectedVersion)
                .update() == 1;
    }

    void recordChange(SettingChange change) {
        jdbc.sql("INSERT INTO review_setting_change (revision, rule_id, parameter_name, value_before, value_after,"
                        + " changed_by, changed_at) VALUES (?,?,?,?,?,?,?)")
                .params(change.revision(), change.ruleId(), change.parameter(), text(change.before()),
                        text(change.after()), change.changedBy(), DbTime.toDb(change.changedAt()))
                .update();
    }

    PageResult<SettingChange> changes(Integer page, Integer size) {
        var paging = Paging.of(page, size, null, HISTORY_SORT, "revision,desc");
        long total = jdbc.sql("SELECT COUNT(*) FROM review_setting_change").query(Long.class).single();
        var items = jdbc.sql("SELECT revision, rule_id, parameter_name, value_before, value_after, changed_by, changed_at"
                        + " FROM review_setting_change ORDER BY " + paging.orderBy() + " LIMIT " + paging.size()
                        + " OFFSET " + paging.offset())
                .query((rs, n) -> new SettingChange(rs.getInt("revision"), rs.getString("rule_id"),
                        rs.getString("parameter_name"), decimal(rs.getString("value_before")),
                        decimal(rs.getString("value_after")), rs.getString("changed_by"), DbTime.read(rs, "changed_at")))
                .list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(new SettingKey(rs.getString("rule_id"), rs.getString("parameter_name")),
                decimal(rs.getString("setting_value")), rs.getInt("version"), rs.getInt("revision"),
                rs.getString("updated_by"),
                DbTime.read(rs, "updated_at"));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static String text(BigDecimal value) {
        return value == null ? null : SettingDefinition.plain(value);
    }
}

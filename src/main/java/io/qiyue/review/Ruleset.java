package io.qiyue.review;

import io.qiyue.review.rules.RuleConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned data of the rules: citations, thresholds and word lists ({@code review/ruleset.json}),
 * with the values of the settings a review runs with. A parameter that carries a {@code "setting"} object
 * (type, bounds, labels) may be changed by an admin; its {@code "value"} is the default. Which settings
 * were applied is {@link #settingsRevision()}: 0 for the defaults, else the revision of the stored settings.
 */
public final class Ruleset {
    public static final String RESOURCE = "review/ruleset.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode root;
    private final String version;
    private final int settingsRevision;
    private final JsonNode rules;
    private final JsonNode data;
    private final List<SettingDefinition> settings;

    private Ruleset(ObjectNode root, int settingsRevision) {
        this.root = root;
        this.version = root.path("rulesetVersion").asString(null);
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("ruleset without rulesetVersion");
        }
        this.settingsRevision = settingsRevision;
        this.rules = root.path("rules");
        this.data = root.path("data");
        this.settings = readSettings(rules);
    }

    /** The ruleset shipped with the application, with the default settings. */
    public static Ruleset standard() {
        try (InputStream in = Ruleset.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a ruleset with its default settings; a setting whose declaration is incomplete or whose default breaks its bounds is refused. */
    public static Ruleset load(InputStream in) {
        if (!(JSON.readTree(in) instanceof ObjectNode root)) {
            throw new IllegalArgumentException("a ruleset is a JSON object");
        }
        return new Ruleset(root, 0);
    }

    /**
     * This ruleset with the given settings in place of its values, labelled with the settings revision they
     * come from. Every key must be a setting and every value within its bounds: the caller validated them.
     */
    public Ruleset withSettings(int revision, Map<SettingKey, BigDecimal> values) {
        ObjectNode copy = root.deepCopy();
        for (var entry : values.entrySet()) {
            var definition = setting(entry.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("not a setting: " + entry.getKey()));
            if (!definition.check(entry.getValue()).isEmpty()) {
                throw new IllegalArgumentException("setting " + entry.getKey() + " out of bounds: " + entry.getValue());
            }
            var parameter = (ObjectNode) copy.path("rules").path(entry.getKey().ruleId()).path("parameters")
                    .path(entry.getKey().parameter());
            BigDecimal value = entry.getValue();
            parameter.set("value", definition.type() == SettingDefinition.Type.INTEGER
                    ? copy.numberNode(value.intValueExact()) : copy.numberNode(new BigDecimal(SettingDefinition.plain(value))));
        }
        return new Ruleset(copy, revision);
    }

    public String version() {
        return version;
    }

    public int settingsRevision() {
        return settingsRevision;
    }

    /** Every setting of the ruleset, in the order of the file. */
    public List<SettingDefinition> settings() {
        return settings;
    }

    public Optional<SettingDefinition> setting(SettingKey key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The ids of the rules the file describes, in its order. */
    public List<String> ruleIds() {
        var out = new ArrayList<String>();
        rules.propertyNames().forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * Who may accept a warning of the rule when the admin has not chosen: the rule's {@code "acceptedBy"},
     * else the contract's owner (a clarity or completeness warning is the drafter's call).
     */
    public AcceptanceAuthority defaultAcceptance(String ruleId) {
        String declared = rules.path(ruleId).path("acceptedBy").asString(null);
        return declared == null ? AcceptanceAuthority.OWNER : AcceptanceAuthority.valueOf(declared);
    }

    /** The data of one rule (an empty configuration when the file has no entry for it). */
    public RuleConfig config(String ruleId) {
        return new RuleConfig(ruleId, rules.path(ruleId), data);
    }

    private static List<SettingDefinition> readSettings(JsonNode rules) {
        var out = new ArrayList<SettingDefinition>();
        for (var rule : rules.properties()) {
            for (var parameter : rule.getValue().path("parameters").properties()) {
                JsonNode setting = parameter.getValue().path("setting");
                if (setting.isMissingNode()) {
                    continue;
                }
                var key = new SettingKey(rule.getKey(), parameter.getKey());
                out.add(new SettingDefinition(key,
                        SettingDefinition.Type.valueOf(required(key, setting, "type").asString().toUpperCase(Locale.ROOT)),
                        required(key, setting, "min").decimalValue(), required(key, setting, "max").decimalValue(),
                        setting.path("fractionDigits").asInt(0), required(key, parameter.getValue(), "value").decimalValue(),
                        required(key, setting, "label").asString(), setting.path("labelEn").asString(null),
                        setting.path("description").asString(null), setting.path("descriptionEn").asString(null)));
            }
        }
        return List.copyOf(out);
    }

    private static JsonNode required(SettingKey key, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("setting " + key + " lacks " + field);
        }
        return value;
    }
}

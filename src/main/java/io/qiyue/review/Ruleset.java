package io.qiyue.review;

import io.qiyue.review.rules.RuleConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The versioned data of the rules: citations, thresholds and word lists ({@code review/ruleset.json}).
 * A parameter marked {@code "setting": true} may be overridden per installation
 * ({@code qiyue.review.settings.<ruleId>.<parameter>}); overriding anything else is refused.
 */
public final class Ruleset {
    public static final String RESOURCE = "review/ruleset.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String version;
    private final JsonNode rules;
    private final JsonNode data;

    private Ruleset(JsonNode root) {
        this.version = root.path("rulesetVersion").asString(null);
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("ruleset without rulesetVersion");
        }
        this.rules = root.path("rules");
        this.data = root.path("data");
    }

    /** The ruleset shipped with the application, with the default settings. */
    public static Ruleset standard() {
        return standard(Map.of());
    }

    public static Ruleset standard(Map<String, String> settings) {
        try (InputStream in = Ruleset.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return load(in, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a ruleset and applies per-installation settings ({@code "QY-V001.thresholdPercent" → "25"}). */
    public static Ruleset load(InputStream in, Map<String, String> settings) {
        JsonNode root = JSON.readTree(in);
        for (var setting : settings.entrySet()) {
            int dot = setting.getKey().indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("setting must be <ruleId>.<parameter>: " + setting.getKey());
            }
            JsonNode parameter = root.path("rules").path(setting.getKey().substring(0, dot)).path("parameters")
                    .path(setting.getKey().substring(dot + 1));
            if (!parameter.path("setting").asBoolean(false)) {
                throw new IllegalArgumentException("not a setting: " + setting.getKey());
            }
            JsonNode old = parameter.path("value");
            JsonNode value = old.isNumber() ? JSON.getNodeFactory().numberNode(new BigDecimal(setting.getValue().trim()))
                    : JSON.getNodeFactory().stringNode(setting.getValue());
            ((ObjectNode) parameter).set("value", value);
        }
        return new Ruleset(root);
    }

    public String version() {
        return version;
    }

    /** The data of one rule (an empty configuration when the file has no entry for it). */
    public RuleConfig config(String ruleId) {
        return new RuleConfig(ruleId, rules.path(ruleId), data);
    }
}

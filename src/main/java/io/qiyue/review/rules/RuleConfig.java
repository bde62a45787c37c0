package io.qiyue.review.rules;

import io.qiyue.review.CitationData;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule's entry of the ruleset: its citations (by key, each possibly limited to the dates a law
 * version was in force) and its parameters.
 */
public final class RuleConfig {
    private final String ruleId;
    private final JsonNode rule;
    private final JsonNode data;

    public RuleConfig(String ruleId, JsonNode rule, JsonNode data) {
        this.ruleId = ruleId;
        this.rule = rule;
        this.data = data;
    }

    public String ruleId() {
        return ruleId;
    }

    /**
     * The citation under {@code key} in force on {@code date}: entries may carry {@code validFrom} and
     * {@code validUntil} (inclusive ISO dates); the first entry that covers the date wins.
     */
    public CitationData citation(String key, LocalDate date) {
        for (Dated d : citations.computeIfAbsent(key, this::readCitations)) {
            if ((d.from == null || !date.isBefore(d.from)) && (d.until == null || !date.isAfter(d.until))) {
                return d.citation;
            }
        }
        throw new IllegalStateException("no citation '" + key + "' of " + ruleId + " in force on " + date);
    }

    private record Dated(LocalDate from, LocalDate until, CitationData citation) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, List<Dated>> citations =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The citations under a key with their dates parsed, read once (the default's when the key has none). */
    private List<Dated> readCitations(String key) {
        JsonNode list = rule.path("citations").path(key);
        if (list.isMissingNode() || list.isEmpty()) {
            if (!"default".equals(key)) {
                return readCitations("default");
            }
            throw new IllegalStateException("no citation '" + key + "' for " + ruleId);
        }
        var out = new ArrayList<Dated>();
        for (JsonNode c : list) {
            String from = c.path("validFrom").asString(null);
            String until = c.path("validUntil").asString(null);
            out.add(new Dated(from == null ? null : LocalDate.parse(from), until == null ? null : LocalDate.parse(until),
                    new CitationData(c.path("source").asString(), c.path("article").asString(),
                            c.path("summary").asString(null), c.path("summaryEn").asString(null))));
        }
        return List.copyOf(out);
    }

    public JsonNode parameter(String name) {
        JsonNode p = rule.path("parameters").path(name);
        if (p.isMissingNode()) {
            throw new IllegalStateException("parameter " + name + " missing for " + ruleId);
        }
        return p.path("value");
    }

    /** An optional text parameter, or null when the rule has none. */
    public String optionalString(String name) {
        JsonNode p = rule.path("parameters").path(name);
        return p.isMissingNode() ? null : p.path("value").asString();
    }

    /** An optional pattern parameter, or null when the rule has none. */
    public java.util.regex.Pattern optionalPattern(String name) {
        JsonNode p = rule.path("parameters").path(name);
        return p.isMissingNode() ? null : java.util.regex.Pattern.compile(p.path("value").asString());
    }

    public BigDecimal decimal(String name) {
        return parameter(name).decimalValue();
    }

    public int integer(String name) {
        return parameter(name).asInt();
    }

    public List<String> strings(String name) {
        return strings(parameter(name));
    }

    /** An optional list parameter, empty when the rule has none. */
    public List<String> optionalStrings(String name) {
        JsonNode p = rule.path("parameters").path(name);
        return p.isMissingNode() ? List.of() : strings(p.path("value"));
    }

    /** A parameter holding a list of words, as one alternation pattern (longest words first). */
    public Pattern wordPattern(String name) {
        var words = new ArrayList<>(strings(name));
        words.sort((a, b) -> b.length() - a.length());
        return Pattern.compile(String.join("|", words.stream().map(Pattern::quote).toList()));
    }

    /** Shared data of the ruleset (e.g. the arbitration commissions). */
    public JsonNode data(String name) {
        return data.path(name);
    }

    public static List<String> strings(JsonNode list) {
        var out = new ArrayList<String>();
        for (JsonNode n : list) {
            out.add(n.asString());
        }
        return out;
    }
}

package io.qiyue.review.rules;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arbitration commissions of the ruleset's data, and how a name written in a contract identifies
 * them: its exact name or an alias, a text containing one such name, several (仲裁法解释第5条), a place
 * with exactly one commission (第6条) or with several, a place where no commission is known, or nothing known.
 */
final class Commissions {
    enum Kind { EXACT, SEVERAL, INACCURATE, AMBIGUOUS, PLACE_ONLY, UNKNOWN }

    /** A place as addresses write one: a province, city, district or county, named without any institution. */
    private static final Pattern PLACE = Pattern.compile(".{1,12}[省市区县]");

    record Resolution(Kind kind, String names) {
    }

    private record Commission(String name, List<String> names, String city, boolean international) {
    }

    private final List<Commission> all = new ArrayList<>();

    Commissions(JsonNode list) {
        for (JsonNode c : list) {
            var names = new ArrayList<String>();
            names.add(normalise(c.path("name").asString()));
            for (String alias : RuleConfig.strings(c.path("aliases"))) {
                names.add(normalise(alias));
            }
            all.add(new Commission(c.path("name").asString(), names, c.path("city").asString(""),
                    c.path("international").asBoolean(false)));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no arbitration commissions in the ruleset data");
        }
    }

    Resolution resolve(String written) {
        String text = normalise(written);
        Set<Commission> named = named(text);
        if (named.size() == 1) {
            return new Resolution(Kind.EXACT, named.iterator().next().name());
        }
        if (named.size() > 1) {
            return new Resolution(Kind.SEVERAL, names(named));
        }
        // 北京市仲裁委员会 is an inaccurate name of 北京仲裁委员会, not any commission in Beijing (仲裁法解释第3条)
        Set<Commission> withoutShi = named(text.replaceAll("市(?=仲裁)", ""));
        if (withoutShi.size() == 1) {
            return new Resolution(Kind.INACCURATE, withoutShi.iterator().next().name());
        }
        var candidates = new ArrayList<Commission>();
        for (Commission c : all) {
            if (!c.city().isEmpty() && text.contains(c.city())) {
                candidates.add(c);
            }
        }
        // a place where the list knows no commission (浙江省, 余杭区) chooses none; a place with exactly one (杭州)
        // counts as that one (仲裁法解释第6条, as spec/review-rules.md reads it), with several it is ambiguous
        if (!text.contains("仲裁") && candidates.isEmpty() && PLACE.matcher(text).matches()) {
            return new Resolution(Kind.PLACE_ONLY, "");
        }
        if (candidates.size() > 1 && (text.contains("国际") || text.contains("经济贸易"))) {
            var international = candidates.stream().filter(Commission::international).toList();
            if (!international.isEmpty()) {
                candidates = new ArrayList<>(international);
            }
        }
        if (candidates.size() == 1) {
            return new Resolution(Kind.INACCURATE, candidates.getFirst().name());
        }
        if (candidates.size() > 1) {
            return new Resolution(Kind.AMBIGUOUS, names(candidates));
        }
        return new Resolution(Kind.UNKNOWN, "");
    }

    private Set<Commission> named(String text) {
        Set<Commission> named = new LinkedHashSet<>();
        for (Commission c : all) {
            for (String n : c.names()) {
                // short aliases (贸仲, 海仲, BAC) only as the whole name: 海仲 is inside 上海仲裁委员会
                if (n.length() >= 4 ? text.contains(n) : text.equals(n)) {
                    named.add(c);
                    break;
                }
            }
        }
        return named;
    }

    private static String names(Iterable<Commission> commissions) {
        var out = new ArrayList<String>();
        commissions.forEach(c -> out.add(c.name()));
        return String.join("、", out);
    }

    private static String normalise(String s) {
        return io.qiyue.shared.Text.halfWidthBrackets(s.replaceAll("\\s+", ""));
    }
}

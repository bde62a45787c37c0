package io.qiyue.template;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which parts of a contract a template prints a default clause for when the contract leaves them empty:
 * an inverted section {@code {{^dispute}}…{{/dispute}}} with words in it. Only parts whose default is an
 * agreement in its own right count (a dispute clause, confidentiality duties and exclusions); a default that
 * says the parties will agree later (知识产权 "另行书面约定") or that the law applies is no agreement, so the
 * review's warning about it stays true. Under the empty pointer (the whole document): the words the template prints for
 * every contract, outside any section (an NDA's 返还或者销毁保密信息), which no part of the contract holds.
 */
final class TemplateDefaults {
    private TemplateDefaults() {
    }

    /** The template model's names of such parts and the contract's JSON pointers for them. */
    private static final Map<String, String> AGREEMENTS = Map.of(
            "dispute", "/terms/dispute",
            "confidentialityObligations", "/terms/confidentialityObligations",
            "confidentiality.exclusions", "/terms/confidentialInformation/exclusions",
            // 至保密信息为公众所知悉时止: a period review-rules.md accepts ("or until public")
            "confidentiality.until", "/terms/confidentialityPeriod");

    private static final Pattern INVERTED = Pattern.compile("\\{\\{\\^([\\w.]+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    /** A section holding no other: removed innermost first, what is left prints whatever the contract says. */
    private static final Pattern INNERMOST = Pattern.compile("\\{\\{[#^]([\\w.-]+)}}(?:(?!\\{\\{[#^]).)*?\\{\\{/\\1}}",
            Pattern.DOTALL);
    /** The page's style sheet and comments: no words of the contract. */
    private static final Pattern NOT_PRINTED = Pattern.compile("<style[^>]*>.*?</style>|<!--.*?-->", Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\{\\{[^}]*}}|\\s+");

    /**
     * Answers by template text: every contract created or reviewed asks for its type's active template, and a
     * handful of templates exist, while scanning one took 5% of a contract create's CPU (bench/speed.sh's profile).
     * Keyed by the whole text, so an edited template is simply another key; emptied when it holds more than a few.
     */
    private static final Map<String, Map<String, String>> KNOWN = new ConcurrentHashMap<>();
    private static final int MOST_KNOWN = 64;

    /** The pointers of the parts {@code body} supplies a default agreement for, each with its words. */
    static Map<String, String> of(String body) {
        Map<String, String> known = KNOWN.get(body);
        if (known != null) {
            return known;
        }
        Map<String, String> found = scan(body);
        if (KNOWN.size() >= MOST_KNOWN) {
            KNOWN.clear();
        }
        KNOWN.put(body, found);
        return found;
    }

    private static Map<String, String> scan(String body) {
        var out = new HashMap<String, String>();
        var m = INVERTED.matcher(body);
        while (m.find()) {
            String pointer = AGREEMENTS.get(m.group(1));
            String words = MARKUP.matcher(m.group(2)).replaceAll("");
            if (pointer != null && !words.isEmpty()) {
                out.merge(pointer, words, (a, b) -> a + b);
            }
        }
        String always = NOT_PRINTED.matcher(body).replaceAll("");
        for (String fewer = INNERMOST.matcher(always).replaceAll(""); !fewer.equals(always);
             fewer = INNERMOST.matcher(always).replaceAll("")) {
            always = fewer;
        }
        always = MARKUP.matcher(always).replaceAll("");
        if (!always.isEmpty()) {
            out.put("", always);
        }
        return Map.copyOf(out);
    }
}

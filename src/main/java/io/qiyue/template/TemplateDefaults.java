package io.qiyue.template;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which parts of a contract a template prints a default clause for when the contract leaves them empty:
 * an inverted section {@code {{^dispute}}…{{/dispute}}} with words in it. Only parts whose default is an
 * agreement in its own right count (a dispute clause, confidentiality duties and exclusions); a default that
 * says the parties will agree later (知识产权 "另行书面约定") or that the law applies is no agreement, so the
 * review's warning about it stays true.
 */
final class TemplateDefaults {
    private TemplateDefaults() {
    }

    /** The template model's names of such parts and the contract's JSON pointers for them. */
    private static final Map<String, String> AGREEMENTS = Map.of(
            "dispute", "/terms/dispute",
            "confidentialityObligations", "/terms/confidentialityObligations",
            "confidentiality.exclusions", "/terms/confidentialInformation/exclusions");

    private static final Pattern INVERTED = Pattern.compile("\\{\\{\\^([\\w.]+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\{\\{[^}]*}}|\\s+");

    /** The pointers of the parts {@code body} supplies a default agreement for, each with its words. */
    static Map<String, String> of(String body) {
        var out = new HashMap<String, String>();
        var m = INVERTED.matcher(body);
        while (m.find()) {
            String pointer = AGREEMENTS.get(m.group(1));
            String words = MARKUP.matcher(m.group(2)).replaceAll("");
            if (pointer != null && !words.isEmpty()) {
                out.merge(pointer, words, (a, b) -> a + b);
            }
        }
        return Map.copyOf(out);
    }
}

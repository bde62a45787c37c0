package io.qiyue.template;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.qiyue.contract.ContractType;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Text;
import org.w3c.dom.Document;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mustache (logic-less) templates producing XHTML. Every value is HTML-escaped: tags that would turn
 * escaping off ({@code {{{x}}}}, {@code {{&x}}}), change the delimiters or include other templates are
 * refused, so that nothing a user typed into a contract can become markup.
 */
final class TemplateEngine {
    private static final Pattern UNSAFE = Pattern.compile("\\{\\{\\s*(\\{|&|=|>|<)");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    /**
     * A variable inside a style attribute or a style element: what a salesperson types would become CSS, able to
     * restyle (hide) a clause; the rendered check sees only the sample contract's words (outside tester).
     */
    private static final Pattern VARIABLE_IN_STYLE = Pattern.compile(
            "style\\s*=\\s*(?:\"[^\"]*\\{\\{|'[^']*\\{\\{)|<style\\b[^>]*>(?:(?!</style\\s*>).)*?\\{\\{",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A tag naming a variable ({{a.b}}, {{#a.b}}, {{^a.b}}), its name in group 1. */
    private static final Pattern VARIABLE_TAG = Pattern.compile("\\{\\{\\s*[#^/]?\\s*([\\w.-]+)\\s*}}");
    /** The XML parser's most frequent complaints about a template, in our words (its English otherwise). */
    private static final List<java.util.Map.Entry<Pattern, String>> XHTML = List.of(
            java.util.Map.entry(Pattern.compile("The element type \"([^\"]+)\" must be terminated by the matching "
                    + "end-tag"), "qiyue.template.xhtml.unclosed"),
            java.util.Map.entry(Pattern.compile("The entity \"([^\"]+)\" was referenced, but not declared"),
                    "qiyue.template.xhtml.entity"),
            java.util.Map.entry(Pattern.compile("Attribute name \"([^\"]+)\" associated with an element type"),
                    "qiyue.template.xhtml.attribute-value"),
            java.util.Map.entry(Pattern.compile("The markup in the document following the root element must be "
                    + "well-formed"), "qiyue.template.xhtml.after-root"));
    // a blank text is no text: {{#consulting.qualityRequirements}} must not print a heading with nothing after it
    // (JMustache asks the formatter whether a value is an empty string)
    private static final Mustache.Formatter BLANK_IS_EMPTY = value -> value instanceof CharSequence text
            && text.toString().isBlank() ? "" : String.valueOf(value);
    /*
     * Text with characters XML cannot carry is refused when it is written (io.qiyue.shared.Text); what was
     * stored before that rule loses them here, so that it cannot make every document of its contract fail.
     */
    private static final Mustache.Compiler HTML = Mustache.compiler()
            .withEscaper(raw -> Escapers.HTML.escape(Text.withoutUnrenderable(raw))).nullValue("")
            .strictSections(true).emptyStringIsFalse(true).withFormatter(BLANK_IS_EMPTY);
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).nullValue("")
            .strictSections(true).emptyStringIsFalse(true).withFormatter(BLANK_IS_EMPTY);
    private static final int CACHE_LIMIT = 64;

    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    /** Renders a template body (compiled once and cached) against a model, as XHTML text. */
    String render(String body, Object model) {
        Template template = cache.get(body);
        if (template == null) {
            template = compile(body);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(body, template);
        }
        return template.execute(model);
    }

    /** Clause texts compiled once: every contract of a type renders the same approved clauses. */
    private static final Map<String, Template> TEXTS = new ConcurrentHashMap<>();
    private static final int TEXTS_LIMIT = 512;

    /** Fills the {{variables}} of a clause text; the result is plain text (escaped later by the document). */
    static String renderText(String text, Object model) {
        Template template = TEXTS.get(text);
        if (template == null) {
            template = TEXT.compile(text);
            if (TEXTS.size() >= TEXTS_LIMIT) {
                TEXTS.clear();
            }
            TEXTS.put(text, template);
        }
        return template.execute(model);
    }

    private static Template compile(String body) {
        checkSafe(body, "body");
        return HTML.compile(body);
    }

    /**
     * Checks a template before it is saved: it compiles, it renders against each sample contract of its type
     * ({@link SampleContracts.TemplateSample}: a company and a natural person as 甲方, the choices both ways, free,
     * bare) without unknown variables, and every result is well-formed XHTML within {@link TemplateMarkup}'s
     * allow-list. Failures name the line or the markup, and the sample when it is not the first.
     */
    static void validate(String body, ContractType type) {
        try {
            checkSafe(body, "body");
            Matcher styled = VARIABLE_IN_STYLE.matcher(body);
            if (styled.find()) {
                throw invalid("qiyue.template.variable-in-style", lineOf(body, styled.end()), "");
            }
            Template template;
            try {
                template = HTML.compile(body);
            } catch (MustacheException e) {
                throw syntax("body", e);
            }
            for (var sample : SampleContracts.TemplateSample.values()) {
                try {
                    validate(body, template, SampleContracts.model(type, sample));
                } catch (InvalidInputException e) {
                    if (sample == SampleContracts.TemplateSample.COMPANY) {
                        throw e;
                    }
                    // broken for some contracts only: which sample it was, so that the author finds the section
                    var violations = new java.util.ArrayList<>(e.violations());
                    violations.add(new FieldViolation("body", "qiyue.template.sample-case", sample));
                    throw new InvalidInputException(violations);
                }
            }
        } catch (InvalidInputException e) {
            // the template's body, not the request's (outside tester: 请求内容)
            throw e.about("template");
        }
    }

    /** The template rendered against one sample: known variables only, well-formed XHTML within the allow-list. */
    private static void validate(String body, Template template, DocumentModel sample) {
        String xhtml;
        try {
            xhtml = template.execute(sample);
        } catch (MustacheException.Context e) {
            throw invalid("qiyue.template.unknown-variable", String.valueOf(e.lineNo), variable(body, e));
        } catch (MustacheException e) {
            throw syntax("body", e);
        }
        try {
            Document doc = Xhtml.parse(xhtml);
            if (!"html".equals(doc.getDocumentElement().getLocalName())) {
                throw invalid("qiyue.template.xhtml", "1", "the root element must be <html>");
            }
            TemplateMarkup.check(doc);
        } catch (Xhtml.InvalidXhtmlException e) {
            throw xhtml(e);
        }
    }

    /** The parser's complaint in our words where we know it, with the line and the words around it. */
    private static InvalidInputException xhtml(Xhtml.InvalidXhtmlException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (var known : XHTML) {
            Matcher m = known.getKey().matcher(message);
            if (m.find()) {
                return new InvalidInputException("body", known.getValue(), String.valueOf(e.line()),
                        m.groupCount() > 0 ? m.group(1) : "", e.excerpt());
            }
        }
        return invalid("qiyue.template.xhtml", String.valueOf(e.line()), message + " … " + e.excerpt());
    }

    /**
     * The variable a template names where Mustache found no value: the whole name written in the tag on that line
     * ({{no.such.var}}), where Mustache reports only the part it could not resolve ("no").
     */
    private static String variable(String body, MustacheException.Context e) {
        String[] lines = body.split("\n", -1);
        if (e.lineNo >= 1 && e.lineNo <= lines.length) {
            Matcher tag = VARIABLE_TAG.matcher(lines[e.lineNo - 1]);
            while (tag.find()) {
                String name = tag.group(1);
                if (name.equals(e.key) || name.startsWith(e.key + ".")) {
                    return name;
                }
            }
        }
        return e.key;
    }

    private static String lineOf(String body, int at) {
        return String.valueOf(1 + body.substring(0, at).chars().filter(c -> c == '\n').count());
    }

    static void validateClause(String text) {
        checkSafe(text, "text");
        try {
            TEXT.compile(text).execute(SampleContracts.model(ContractType.SERVICE));
        } catch (MustacheException.Context e) {
            throw new InvalidInputException("text", "qiyue.template.unknown-variable", String.valueOf(e.lineNo),
                    variable(text, e));
        } catch (MustacheException e) {
            throw syntax("text", e);
        }
    }

    private static void checkSafe(String body, String field) {
        Matcher m = UNSAFE.matcher(body);
        if (m.find()) {
            int line = 1 + (int) body.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            throw new InvalidInputException(List.of(new FieldViolation(field, "qiyue.template.unsafe-tag",
                    String.valueOf(line), m.group())));
        }
        // the engine prints "{{" without its "}}" as text: every contract would carry the broken tag (outside
        // tester: "{{unclosed" in the documents)
        for (int open = body.indexOf("{{"); open >= 0; open = body.indexOf("{{", open + 2)) {
            int close = body.indexOf("}}", open + 2);
            int next = body.indexOf("{{", open + 2);
            if (close < 0 || next >= 0 && next < close) {
                int line = 1 + (int) body.substring(0, open).chars().filter(c -> c == '\n').count();
                int end = Math.min(body.length(), open + 20);
                int lineEnd = body.indexOf('\n', open);
                throw new InvalidInputException(List.of(new FieldViolation(field, "qiyue.template.unclosed-tag",
                        String.valueOf(line), body.substring(open, lineEnd >= 0 && lineEnd < end ? lineEnd : end))));
            }
        }
    }

    /** The mistakes a template author makes, as the engine reports them, with the tags it names. */
    private static final List<java.util.Map.Entry<Pattern, String>> SYNTAX = List.of(
            java.util.Map.entry(Pattern.compile("(?:Inverted section|Section|Block|Parent) missing close tag '([^']*)'"),
                    "qiyue.template.syntax.unclosed"),
            java.util.Map.entry(Pattern.compile("Section close tag with no open tag '([^']*)'"),
                    "qiyue.template.syntax.unopened"),
            java.util.Map.entry(Pattern.compile("Section close tag with mismatched open tag '([^']*)' != '([^']*)'"),
                    "qiyue.template.syntax.mismatched"),
            java.util.Map.entry(Pattern.compile("Invalid triple-mustache tag"), "qiyue.template.syntax.triple"),
            java.util.Map.entry(Pattern.compile("Invalid tag name: contains newline"), "qiyue.template.syntax.newline"));

    /**
     * A syntax error in the author's language: the known mistakes in our words with the tags named, any other with
     * the engine's own words (in English), so that nothing is lost.
     */
    private static InvalidInputException syntax(String field, MustacheException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String line = line(message);
        for (var known : SYNTAX) {
            Matcher m = known.getKey().matcher(message);
            if (m.find()) {
                var args = new java.util.ArrayList<Object>();
                args.add(line);
                for (int g = 1; g <= m.groupCount(); g++) {
                    args.add(m.group(g));
                }
                return new InvalidInputException(List.of(new FieldViolation(field, known.getValue(), args.toArray())));
            }
        }
        return new InvalidInputException(field, "qiyue.template.syntax", line, message);
    }

    private static InvalidInputException invalid(String code, String line, String reason) {
        return new InvalidInputException("body", code, line, reason);
    }

    private static String line(String message) {
        Matcher m = LINE.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : "?";
    }
}

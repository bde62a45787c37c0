package io.qiyue.template;

import io.qiyue.shared.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-list a template's markup must keep to when it is saved: elements and attributes for layout
 * only, so that a rendered contract shown as HTML can run nothing and load nothing. No script, no event
 * handler attributes, no links or resources other than in-page anchors and {@code data:} images, no CSS
 * that loads something. A template outside it is refused with the element or attribute named — clearer
 * than stripping, which would save something other than what the administrator wrote.
 */
final class TemplateMarkup {
    private static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "div",
            "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
            "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "b", "strong", "i", "em", "u", "s",
            "sub", "sup", "br", "hr", "section", "header", "footer", "article", "blockquote", "pre", "small", "a",
            "img");
    private static final Set<String> ATTRIBUTES = Set.of("class", "id", "style", "lang", "dir", "title", "colspan",
            "rowspan", "align", "valign", "width", "height", "border", "cellpadding", "cellspacing", "span", "alt",
            "charset", "name", "content", "xmlns", "xml:lang");
    /** Attributes that point somewhere, by element, and the only places they may point to. */
    private static final Map<String, Pattern> LINKS = Map.of(
            "a:href", Pattern.compile("#.*", Pattern.DOTALL),
            "img:src", Pattern.compile("data:image/(png|jpeg|gif);base64,.*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE));
    /** CSS that loads or runs something, after comments, escapes and blanks are taken out. */
    private static final Pattern ACTIVE_CSS = Pattern.compile("url\\(|@import|expression\\(|javascript:|behavior:|-moz-binding");

    private TemplateMarkup() {
    }

    /** Refuses (400 on {@code body}) the first element, attribute or style outside the allow-list. */
    static void check(Document rendered) {
        check(rendered.getDocumentElement(), false, false);
    }

    /**
     * {@code inTable}: inside a table cell, where the Word file has no table of its own to print (it would drop a
     * nested table's words); {@code inSmall}: inside {@code <small>}, which the PDF prints smaller each time.
     */
    private static void check(Element element, boolean inTable, boolean inSmall) {
        String name = element.getLocalName().toLowerCase(Locale.ROOT);
        if (!ELEMENTS.contains(name)) {
            throw refused("<" + name + ">");
        }
        if (name.equals("table") && inTable) {
            throw unlike("nested-table", "<table>", "");
        }
        if (name.equals("small") && inSmall) {
            throw unlike("font-size", "<small>", "<small>");
        }
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String attr = attribute.getNodeName().toLowerCase(Locale.ROOT);
            String value = attribute.getNodeValue();
            Pattern link = LINKS.get(name + ":" + attr);
            if (link != null) {
                if (!link.matcher(value.strip()).matches()) {
                    throw refused("<" + name + " " + attr + "=\"" + value + "\">");
                }
            } else if (!ATTRIBUTES.contains(attr) || attr.startsWith("xmlns:")) {
                throw refused("<" + name + " " + attr + ">");
            } else if (attr.equals("style") && active(value)) {
                throw refused("<" + name + " style=\"" + value + "\">");
            } else if (attr.equals("style")) {
                var hidden = TemplateStyles.ofAttribute(value);
                if (hidden.isPresent()) {
                    throw unlike(hidden.get().reason(), "<" + name + " style>", hidden.get().declaration());
                }
            } else if (attr.equals("dir") && !value.strip().equalsIgnoreCase("ltr")
                    && !value.strip().equalsIgnoreCase("auto")) {
                // right to left prints a Chinese sentence backwards in the PDF, as written in the Word file
                throw unlike("direction", "<" + name + " dir>", "dir=\"" + value + "\"");
            }
        }
        if (name.equals("meta") && element.hasAttribute("content") && !element.hasAttribute("name")) {
            throw refused("<meta content>"); // http-equiv is refused above; content alone means nothing safe
        }
        if (name.equals("style") && active(element.getTextContent())) {
            throw refused("<style> url()/@import");
        }
        if (name.equals("style")) {
            var hidden = TemplateStyles.ofSheet(element.getTextContent());
            if (hidden.isPresent()) {
                throw unlike(hidden.get().reason(), "<style>", hidden.get().declaration());
            }
        }
        boolean table = inTable || name.equals("td") || name.equals("th");
        boolean small = inSmall || name.equals("small");
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                check(e, table, small);
            } else if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                throw refused("<?" + child.getNodeName() + "?>");
            }
        }
    }

    private static boolean active(String css) {
        String plain = unescaped(css.replaceAll("(?s)/\\*.*?\\*/", "")).replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return ACTIVE_CSS.matcher(plain).find();
    }

    /** A CSS escape as the browser and the PDF renderer read it: {@code @\69mport} is {@code @import}. */
    private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\(?:([0-9a-fA-F]{1,6})[ \\t\\r\\n\\f]?|(.))",
            Pattern.DOTALL);

    static String unescaped(String css) {
        return CSS_ESCAPE.matcher(css).replaceAll(m -> {
            if (m.group(1) == null) {
                return java.util.regex.Matcher.quoteReplacement(m.group(2));
            }
            int codePoint = Integer.parseInt(m.group(1), 16);
            return java.util.regex.Matcher.quoteReplacement(Character.isValidCodePoint(codePoint) && codePoint != 0
                    ? Character.toString(codePoint) : "\uFFFD");
        });
    }

    /**
     * Markup or a style that hides text or makes it unreadable, or that the PDF and the Word file print differently,
     * {@code reason} naming which ({@code qiyue.template.hidden-text.<reason>}), with where and what it is.
     */
    private static InvalidInputException unlike(String reason, String where, String what) {
        String shown = what.length() > 120 ? what.substring(0, 120) + "…" : what;
        return new InvalidInputException("body", "qiyue.template.hidden-text." + reason, where, shown);
    }

    private static InvalidInputException refused(String what) {
        String shown = what.length() > 120 ? what.substring(0, 120) + "…" : what;
        return new InvalidInputException("body", "qiyue.template.unsafe-markup", shown);
    }
}

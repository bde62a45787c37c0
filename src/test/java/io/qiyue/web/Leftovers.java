package io.qiyue.web;

import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the program's notation where people read words: JSON pointers ({@code /terms/payment/deposit}), enum
 * codes ({@code IN_APPROVAL}), Java field names ({@code noConsideration}), missing-key markers
 * ({@code ??audit.type.X_zh_CN??}), Bean Validation's default messages ("不能为null"), Java type names in a
 * sentence ("无法解析为 decimal", "找不到obligation") and a text that is exactly one of the other language's labels
 * (of the message bundles: 保存 on an English page, Save on a Chinese one). Pages are read as their visible text and the attributes people read (title, placeholder,
 * aria-label, alt, option text); {@code <code>}, {@code <pre>} and {@code font-monospace} elements hold
 * identifiers people need as they are (contract numbers, credit codes, hashes) and are only checked for
 * pointers and markers.
 */
final class Leftovers {
    /** A leftover: what kind, the text found, and where around it. */
    record Finding(String kind, String found, String context) {
        @Override
        public String toString() {
            return kind + " \"" + found + "\" in \"" + context + "\"";
        }
    }

    private static final Pattern MARKER = Pattern.compile("\\?\\?[^?\\s]{1,200}\\?\\?");
    private static final Pattern POINTER = Pattern.compile(
            "(?<![\\w.:/])/(?:terms|versions|[a-z]+[A-Z]\\w*)(?:/[\\w~-]+)+|(?<![\\w.:/])/[a-z]\\w*/[a-z]+[A-Z]\\w*(?:/[\\w~-]+)*");
    private static final Pattern UPPER_SNAKE = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\\w-])");
    private static final Pattern CAMEL = Pattern.compile("(?<![\\w.@/-])[a-z]+(?:[A-Z][a-z0-9]*)+(?![\\w@/-])");
    /** Codes of the program's closed sets that are one word (the status of a draft, a role). */
    private static final Pattern UPPER_WORD = Pattern.compile("(?<![\\w-])[A-Z]{4,}(?![\\w-])");
    private static final Set<String> ACRONYMS = Set.of("HTTP", "HTTPS", "JSON", "HTML", "DOCX", "XLSX", "ASCII", "SMTP",
            "HMAC", "CSRF", "PKCS", "IBAN", "BASE", "CSV", "UUID", "PADES", "OFL", "WEBHOOK", "PIPIA", "ECDSA", "CNY",
            "YYYY", "NULL", "TRUE", "FALSE", "PDF", "API", "UTF", "SHA", "TSA", "AES", "GCM", "TLS", "ETAG", "MIME",
            "OPTIONS", "POST", "HTTPONLY", "RSA", "OAEP", "PSS", "EUR", "USD", "XHTML", "SFTP", "WEBP", "JPEG");
    private static final List<String> VALIDATION_DEFAULTS = List.of("不能为null", "不能为空", "最小不能小于", "最大不能超过",
            "必须大于或等于", "必须小于或等于", "必须大于", "必须小于", "个数必须在", "需要匹配正则表达式", "不是一个合法的",
            "数字的值超出了允许范围", "must not be null", "must not be blank", "must not be empty",
            "must be greater than", "must be less than", "size must be between", "must match \"", "numeric value out of bounds");
    private static final Pattern JAVA_TYPES = Pattern.compile(
            "\\b(?:BigDecimal|LocalDate|Instant|java\\.[a-z]+|Integer|Boolean|String\\b(?!\\s*[a-z]))|(?<=[\\p{IsHan}：，。\\s])(?:decimal|integer|boolean|string|object|array|null)(?![\\w-])");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** A lowercase English word directly beside Chinese: 找不到obligation, 无法解析为 decimal. */
    private static final Pattern LATIN_BY_HAN = Pattern.compile(
            "(?<=\\p{IsHan}[ ]?)[a-z]{3,}(?![\\w.@/-])|(?<![\\w.@/-])[a-z]{3,}(?=[ ]?\\p{IsHan})");
    private static final Set<String> LATIN_ALLOWED = Set.of("true", "false", "http", "https", "docx", "xlsx", "pdf",
            "csv", "curl", "html", "json", "www");
    private static final Set<String> ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt", "label");

    private Leftovers() {
    }

    /**
     * The labels of each language that the other translates differently, by whether the page is Chinese: an
     * English page must show none of the Chinese ones, and the other way round. Words both bundles spell alike
     * (API, SHA-256, English) are no one's leftovers.
     */
    static final class Bundles {
        static final Map<Boolean, Set<String>> OTHER_LANGUAGE = load();

        private static Map<Boolean, Set<String>> load() {
            var zh = io.qiyue.testing.MessageBundles.read("messages.properties");
            var en = io.qiyue.testing.MessageBundles.read("messages_en.properties");
            var chineseOnly = new java.util.HashSet<String>();
            var englishOnly = new java.util.HashSet<String>();
            zh.forEach((key, value) -> {
                String english = en.getProperty(String.valueOf(key));
                String chinese = String.valueOf(value).strip();
                if (english != null && !english.strip().equals(chinese) && !chinese.contains("{") && !chinese.isEmpty()) {
                    chineseOnly.add(chinese.replace("''", "'"));
                    if (!english.contains("{") && !english.isBlank()) {
                        englishOnly.add(english.strip().replace("''", "'"));
                    }
                }
            });
            // a word both languages use somewhere ("Webhook" in Chinese, "Webhooks" in English) is no one's leftover
            zh.values().forEach(v -> englishOnly.remove(String.valueOf(v).strip().replace("''", "'")));
            en.values().forEach(v -> chineseOnly.remove(String.valueOf(v).strip().replace("''", "'")));
            return Map.of(true, englishOnly, false, chineseOnly);
        }
    }

    /** Leftovers in one text (a problem's detail or message): everything but the page-only checks. */
    static List<Finding> inText(String text, Locale language) {
        var out = new ArrayList<Finding>();
        inText(text, language, true, out);
        return out;
    }

    /** Leftovers in a page: its visible text and the attributes people read. */
    static List<Finding> inPage(String html, Locale language) {
        return inPage(html, language, false);
    }

    /**
     * As {@link #inPage(String, Locale)}; a page that shows a contract's own text (the document, a redline, a
     * template) is Chinese in either language, and its words are not checked against the other language's labels.
     */
    static List<Finding> inPage(String html, Locale language, boolean contractText) {
        var out = new ArrayList<Finding>();
        for (var part : VisibleText.of(html)) {
            if (part.identifier()) {
                find(MARKER, "missing message key", part.text(), out);
                find(POINTER, "JSON pointer", part.text(), out);
            } else {
                inText(part.text(), language, !contractText && !part.typed(), out);
            }
        }
        return out;
    }

    private static void inText(String text, Locale language, boolean labels, List<Finding> out) {
        if (text == null || text.isBlank()) {
            return;
        }
        find(MARKER, "missing message key", text, out);
        String withoutMarkers = MARKER.matcher(text).replaceAll(" ");
        find(POINTER, "JSON pointer", withoutMarkers, out);
        // addresses, mail addresses and paths are no words; what is left of them is checked no further
        // what is quoted is a value as someone typed or sends it ("COMPANY" 不是可选的值), not the program's wording
        String words = POINTER.matcher(withoutMarkers).replaceAll(" ")
                .replaceAll("https?://\\S+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|(?<![\\w])/[\\w./{}-]+", " ")
                .replaceAll("“[^”]{0,200}”|\"[^\"]{0,200}\"", " ")
                .replaceAll("\\{\\{[^}]{0,200}}}", " ");
        find(UPPER_SNAKE, "enum code", words, out);
        var upper = UPPER_WORD.matcher(words);
        while (upper.find()) {
            if (!ACRONYMS.contains(upper.group().toUpperCase(Locale.ROOT))) {
                out.add(new Finding("enum code", upper.group(), around(words, upper.start(), upper.end())));
            }
        }
        find(CAMEL, "field name", words, out);
        for (String phrase : VALIDATION_DEFAULTS) {
            int at = words.toLowerCase(Locale.ROOT).indexOf(phrase.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                out.add(new Finding("validation default", phrase, around(words, at, at + phrase.length())));
            }
        }
        boolean chinese = language.getLanguage().equals("zh");
        if (chinese && HAN.matcher(words).find()) {
            find(JAVA_TYPES, "Java type name", words, out);
            var latin = LATIN_BY_HAN.matcher(words);
            while (latin.find()) {
                if (!LATIN_ALLOWED.contains(latin.group())) {
                    out.add(new Finding("English word in Chinese", latin.group(), around(words, latin.start(), latin.end())));
                }
            }
        } else if (!chinese) {
            find(Pattern.compile("\\b(?:BigDecimal|LocalDate|java\\.[a-z]+)\\b"), "Java type name", words, out);
        }
        // a text that is exactly one of the other language's labels is that label, untranslated
        String whole = text.strip();
        if (labels && Bundles.OTHER_LANGUAGE.get(chinese).contains(whole)) {
            out.add(new Finding(chinese ? "English label in Chinese" : "Chinese label in English", whole, whole));
        }
    }

    private static void find(Pattern pattern, String kind, String text, List<Finding> out) {
        var m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Finding(kind, m.group(), around(text, m.start(), m.end())));
        }
    }

    private static String around(String text, int start, int end) {
        return text.substring(Math.max(0, start - 30), Math.min(text.length(), end + 30)).replaceAll("\\s+", " ").strip();
    }

    /**
     * The text of a page as people see it, part by part: text nodes outside {@code script}, {@code style} and
     * {@code template}, and the read attributes; each part says whether it lies in an identifier element
     * ({@code code}, {@code pre}, {@code textarea}, {@code font-monospace}).
     */
    static final class VisibleText extends HTMLEditorKit.ParserCallback {
        /** {@code typed}: inside {@code translate="no"}, words people typed (a reason, a step name), in their language. */
        record Part(String text, boolean identifier, boolean typed) {
        }

        private static final Set<HTML.Tag> HIDDEN = Set.of(HTML.Tag.SCRIPT, HTML.Tag.STYLE);

        private final List<Part> parts = new ArrayList<>();
        private final Deque<Element> open = new ArrayDeque<>();

        private record Element(String name, boolean identifier, boolean hidden, boolean typed) {
        }

        static List<Part> of(String html) {
            var callback = new VisibleText();
            try {
                // the parser knows HTML 3.2; tags it does not know arrive as simple tags and are followed by name
                new ParserDelegator().parse(new StringReader(html.replace("<template", "<script")
                        .replace("</template>", "</script>")), callback, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return callback.parts;
        }

        @Override
        public void handleStartTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
            var parent = open.peek();
            String name = tag.toString();
            String classes = String.valueOf(attributes.getAttribute(HTML.Attribute.CLASS));
            // what users typed into a text area (a template's body) is theirs, checked like an identifier
            boolean identifier = (parent != null && parent.identifier()) || name.equals("code") || name.equals("pre")
                    || name.equals("textarea") || classes.contains("font-monospace");
            boolean hidden = (parent != null && parent.hidden()) || HIDDEN.contains(tag);
            boolean typed = (parent != null && parent.typed())
                    || "no".equals(String.valueOf(attributes.getAttribute("translate")));
            open.push(new Element(name, identifier, hidden, typed));
            attributes(attributes, identifier, hidden, typed);
        }

        @Override
        public void handleEndTag(HTML.Tag tag, int pos) {
            // pop to the matching element; an end tag without a start (parser repairs) is ignored
            if (open.stream().anyMatch(e -> e.name().equals(tag.toString()))) {
                while (!open.isEmpty() && !open.pop().name().equals(tag.toString())) {
                    // elements closed implicitly by this end tag
                }
            }
        }

        @Override
        public void handleSimpleTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
            if (tag instanceof HTML.UnknownTag) {
                // HTML5 elements (main, section, nav, details, summary …) arrive as simple tags, the end one marked
                if (attributes.isDefined(HTML.Attribute.ENDTAG)) {
                    handleEndTag(tag, pos);
                } else {
                    handleStartTag(tag, attributes, pos);
                }
                return;
            }
            var parent = open.peek();
            boolean identifier = parent != null && parent.identifier()
                    || String.valueOf(attributes.getAttribute(HTML.Attribute.CLASS)).contains("font-monospace");
            attributes(attributes, identifier, parent != null && parent.hidden(), (parent != null && parent.typed())
                    || "no".equals(String.valueOf(attributes.getAttribute("translate"))));
        }

        @Override
        public void handleText(char[] data, int pos) {
            var parent = open.peek();
            if (parent == null || !parent.hidden()) {
                parts.add(new Part(new String(data), parent != null && parent.identifier(), parent != null && parent.typed()));
            }
        }

        /** {@code typed}: the element or one around it is marked translate="no" (an image's alt of a name someone typed). */
        private void attributes(MutableAttributeSet attributes, boolean identifier, boolean hidden, boolean typed) {
            if (hidden) {
                return;
            }
            var names = attributes.getAttributeNames();
            while (names.hasMoreElements()) {
                Object name = names.nextElement();
                if (ATTRIBUTES.contains(name.toString().toLowerCase(Locale.ROOT))) {
                    parts.add(new Part(String.valueOf(attributes.getAttribute(name)), identifier, typed));
                }
            }
        }
    }
}

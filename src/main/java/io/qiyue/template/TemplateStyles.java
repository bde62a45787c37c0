package io.qiyue.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The styles a template may not use because they hide text, or make it unreadable, in one rendering and not in
 * another: the PDF honours CSS, the Word file prints every word as ordinary text, so a sentence hidden by its style
 * (display:none, white on white, 1px, moved off the page, clipped) would be in one file of a version and not in the
 * other (outside tester: "甲方放弃一切索赔权利" in the DOCX only). Text that only CSS adds (content outside the page
 * margins) is refused for the same reason. Each refusal names the declaration and a reason of its own.
 */
final class TemplateStyles {
    /** Why a declaration is refused: the message key's last part ({@code qiyue.template.hidden-text.<reason>}). */
    record Refusal(String reason, String declaration) {
    }

    /** The smallest readable print, in points (8pt, about 11px; the documents print at 10.5pt). */
    static final double MIN_FONT_PT = 8;
    /** WCAG's minimum contrast for large text: #888 on white passes (3.5), #999 (2.8) and lighter do not. */
    static final double MIN_TEXT_CONTRAST = 3;
    /** A background may tint (#f0f0f0 table headers, a yellow highlight), not darken what is printed on it. */
    static final double MAX_BACKGROUND_CONTRAST = 1.5;
    /** How far a negative indent or margin may pull text (a hanging indent of a few characters), in points. */
    static final double MIN_OFFSET_PT = -36;
    /** Letters drawn over one another are no longer read, in points. */
    static final double MIN_SPACING_PT = -1.5;

    /** Properties that can hide, clip or move text, or do what the Word file cannot: refused outright. */
    private static final Set<String> REFUSED = Set.of("transform", "translate", "scale", "rotate", "zoom", "clip",
            "clip-path", "mask", "mask-image", "filter", "mix-blend-mode", "unicode-bidi", "text-security",
            "text-fill-color", "text-stroke", "backdrop-filter", "columns", "column-width", "column-count");
    private static final Set<String> OVERFLOW = Set.of("overflow", "overflow-x", "overflow-y", "overflow-block",
            "overflow-inline", "text-overflow");
    private static final Set<String> OFFSETS = Set.of("text-indent", "margin", "margin-left", "margin-right",
            "margin-top", "margin-bottom", "margin-inline", "margin-inline-start", "margin-inline-end", "margin-block",
            "margin-block-start", "margin-block-end");
    private static final Pattern LENGTH = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(pt|px|mm|cm|in|pc|q|em|rem|ex|ch|%|vw|vh|vmin|vmax)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)%?");
    /** Values the renderer cannot be checked against: computed, from variables or from attributes. */
    private static final Pattern COMPUTED = Pattern.compile("(?:calc|var|attr|env|min|max|clamp)\\(");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'");

    private TemplateStyles() {
    }

    /** The first refused declaration of a style attribute. */
    static Optional<Refusal> ofAttribute(String css) {
        for (String declaration : plain(css).split(";")) {
            var refusal = declaration(declaration, false);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * The first refused declaration of a style sheet: the declarations of every rule, nested at-rules included;
     * inside {@code @page} (its margin boxes: the running header, the page numbers) generated content is allowed.
     */
    static Optional<Refusal> ofSheet(String css) {
        String text = plain(css);
        Deque<String> blocks = new ArrayDeque<>();
        var buffer = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\'') {
                int end = text.indexOf(ch, i + 1);
                end = end < 0 ? text.length() - 1 : end;
                buffer.append(text, i, end + 1);
                i = end;
            } else if (ch == '{') {
                blocks.push(buffer.toString().strip());
                buffer.setLength(0);
            } else if (ch == ';' || ch == '}') {
                if (!blocks.isEmpty()) {
                    boolean page = blocks.stream().anyMatch(b -> b.startsWith("@page"));
                    var refusal = declaration(buffer.toString(), page);
                    if (refusal.isPresent()) {
                        return refusal;
                    }
                }
                buffer.setLength(0);
                if (ch == '}' && !blocks.isEmpty()) {
                    blocks.pop();
                }
            } else {
                buffer.append(ch);
            }
        }
        return Optional.empty();
    }

    /** CSS as the renderer reads it: comments out, escapes resolved, lower case, blanks collapsed. */
    private static String plain(String css) {
        return TemplateMarkup.unescaped(css.replaceAll("(?s)/\\*.*?\\*/", "")).replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Optional<Refusal> declaration(String text, boolean pageMargin) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).replace("!important", "").strip();
        String shown = name + ": " + value;
        if (name.isEmpty() || name.startsWith("@")) {
            return Optional.empty();
        }
        // vendor properties (-webkit-text-fill-color: transparent) and custom properties (--x) are unchecked ground;
        // the PDF renderer's own -fs- properties are layout only
        if (name.startsWith("-") && !name.startsWith("-fs-")) {
            return refused("property", shown);
        }
        if (COMPUTED.matcher(value).find() && !name.equals("content")) {
            return refused("computed", shown);
        }
        if (REFUSED.contains(name)) {
            return refused("property", shown);
        }
        return switch (name) {
            case "display" -> value.equals("none") ? refused("display", shown) : Optional.empty();
            case "visibility" -> value.equals("visible") || inherited(value) ? Optional.empty()
                    : refused("visibility", shown);
            case "opacity" -> opaque(value) ? Optional.empty() : refused("opacity", shown);
            case "font-size" -> readableSize(value) ? Optional.empty() : refused("font-size", shown);
            case "font" -> readableSize(fontSizeOf(value)) ? Optional.empty() : refused("font-size", shown);
            case "line-height" -> readableLineHeight(value) ? Optional.empty() : refused("line-height", shown);
            case "color" -> textColour(value);
            case "background", "background-color", "background-image" -> background(value, shown);
            case "position" -> value.equals("static") || value.startsWith("running(") || inherited(value)
                    ? Optional.empty() : refused("position", shown);
            case "direction" -> value.equals("ltr") || inherited(value) ? Optional.empty() : refused("direction", shown);
            case "letter-spacing", "word-spacing" -> allAtLeast(value, MIN_SPACING_PT) ? Optional.empty()
                    : refused("offset", shown);
            case "text-decoration", "text-decoration-line" -> value.contains("line-through")
                    ? refused("line-through", shown) : Optional.empty();
            case "content" -> pageMargin || noText(value) ? Optional.empty() : refused("content", shown);
            default -> {
                if (OVERFLOW.contains(name)) {
                    yield value.equals("visible") || value.equals("clip") && name.equals("text-overflow")
                            || inherited(value) ? Optional.empty() : refused("overflow", shown);
                }
                if (OFFSETS.contains(name)) {
                    yield allAtLeast(value, MIN_OFFSET_PT) ? Optional.empty() : refused("offset", shown);
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<Refusal> refused(String reason, String declaration) {
        return Optional.of(new Refusal(reason, declaration));
    }

    private static boolean inherited(String value) {
        return Set.of("inherit", "initial", "unset", "revert", "revert-layer").contains(value);
    }

    private static boolean opaque(String value) {
        if (inherited(value)) {
            return true;
        }
        Matcher m = NUMBER.matcher(value);
        if (!m.matches()) {
            return false;
        }
        double v = Double.parseDouble(value.replace("%", ""));
        return value.endsWith("%") ? v >= 100 : v >= 1;
    }

    /**
     * A size that prints at least {@link #MIN_FONT_PT}: absolute units converted to points; relative ones (em, %,
     * smaller) only at 1 or more, because they multiply with their ancestors' and a few 0.8em within one another
     * print 5pt.
     */
    static boolean readableSize(String value) {
        if (value == null) {
            return true;
        }
        switch (value) {
            case "xx-small", "x-small", "smaller" -> {
                return false;
            }
            case "small", "medium", "large", "x-large", "xx-large", "xxx-large", "larger" -> {
                return true;
            }
            default -> {
                if (inherited(value)) {
                    return true;
                }
            }
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return false;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "px" : m.group(2);
        return switch (unit) {
            case "em", "rem" -> v >= 1;
            case "%" -> v >= 100;
            case "ex", "ch" -> v >= 2;
            case "vw", "vh", "vmin", "vmax" -> false;
            default -> points(v, unit) >= MIN_FONT_PT;
        };
    }

    /** The size of a {@code font} shorthand (italic bold 1px/1.5 sans-serif: 1px), null when it has none. */
    private static String fontSizeOf(String value) {
        for (String token : value.split(" ")) {
            String size = token.contains("/") ? token.substring(0, token.indexOf('/')) : token;
            if (LENGTH.matcher(size).matches() && !size.matches("\\d00")
                    || Set.of("xx-small", "x-small", "smaller", "small", "medium", "large", "larger").contains(size)) {
                return size;
            }
            if (token.contains("/")) {
                return size;
            }
        }
        return null;
    }

    /** Lines set closer than the letters are tall print over one another. */
    private static boolean readableLineHeight(String value) {
        if (value.equals("normal") || inherited(value)) {
            return true;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return false;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null || unit.equals("em") || unit.equals("rem")) {
            return v >= 1;
        }
        return unit.equals("%") ? v >= 100 : !unit.startsWith("v") && !unit.equals("ex") && !unit.equals("ch")
                && points(v, unit) >= MIN_FONT_PT;
    }

    private static double points(double v, String unit) {
        return switch (unit) {
            case "pt" -> v;
            case "px" -> v * 0.75;
            case "mm" -> v * 72 / 25.4;
            case "cm" -> v * 72 / 2.54;
            case "in" -> v * 72;
            case "pc" -> v * 12;
            case "q" -> v * 72 / 101.6;
            case "em", "rem" -> v * 10.5;
            case "ex", "ch" -> v * 5.25;
            default -> Double.NaN;
        };
    }

    /** Every length of the value at least {@code min} points (a percentage is of the page's width: none below 0). */
    private static boolean allAtLeast(String value, double min) {
        if (inherited(value) || value.equals("normal")) {
            return true;
        }
        for (String token : value.split(" ")) {
            if (token.equals("auto")) {
                continue;
            }
            Matcher m = LENGTH.matcher(token);
            if (!m.matches()) {
                return false;
            }
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "px" : m.group(2);
            double pt = unit.equals("%") || unit.startsWith("v") ? (v < 0 ? Double.NEGATIVE_INFINITY : 0)
                    : points(v, unit);
            if (!(pt >= min)) {
                return false;
            }
        }
        return true;
    }

    /** Generated content that prints no words or numbers (a quotation mark): the Word file misses nothing. */
    private static boolean noText(String value) {
        if (value.equals("none") || value.equals("normal") || inherited(value)) {
            return true;
        }
        if (value.contains("counter") || value.contains("attr(") || value.contains("url(")) {
            return false;
        }
        Matcher m = STRING.matcher(value);
        while (m.find()) {
            String s = m.group(1) != null ? m.group(1) : m.group(2);
            if (s.codePoints().anyMatch(Character::isLetterOrDigit)) {
                return false;
            }
        }
        return STRING.matcher(value).replaceAll("").isBlank();
    }

    private static Optional<Refusal> textColour(String value) {
        String shown = "color: " + value;
        if (inherited(value) || value.equals("currentcolor")) {
            return Optional.empty();
        }
        double[] rgba = colour(value);
        if (rgba == null) {
            return refused("colour-unknown", shown);
        }
        if (rgba[3] < 1) {
            return refused("opacity", shown);
        }
        return contrast(rgba) < MIN_TEXT_CONTRAST ? refused("colour", shown) : Optional.empty();
    }

    /** A background only tints: a dark one under the default dark text would hide it in the PDF, not in Word. */
    private static Optional<Refusal> background(String value, String shown) {
        if (inherited(value) || value.equals("none") || value.equals("transparent")) {
            return Optional.empty();
        }
        Matcher functions = Pattern.compile("([a-z-]+)\\(").matcher(value);
        while (functions.find()) {
            if (!Set.of("rgb", "rgba", "hsl", "hsla").contains(functions.group(1))) {
                return refused("background", shown);
            }
        }
        for (String token : value.replaceAll("\\s*,\\s*", ",").replaceAll("\\(\\s*", "(").replaceAll("\\s*\\)", ")")
                .split(" ")) {
            if (token.equals("transparent") || token.equals("none") || token.equals("currentcolor")) {
                continue;
            }
            double[] rgba = colour(token);
            if (rgba != null && rgba[3] > 0 && contrast(rgba) > MAX_BACKGROUND_CONTRAST) {
                return refused("background", shown);
            }
        }
        return Optional.empty();
    }

    /** The contrast of a colour with white paper, as WCAG 2 computes it (1 for white, 21 for black). */
    static double contrast(double[] rgba) {
        double l = 0.2126 * linear(rgba[0]) + 0.7152 * linear(rgba[1]) + 0.0722 * linear(rgba[2]);
        return 1.05 / (l + 0.05);
    }

    private static double linear(double channel) {
        double c = channel / 255;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The common colour names, as CSS defines them. */
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("black", "000000"),
            Map.entry("white", "ffffff"), Map.entry("red", "ff0000"), Map.entry("green", "008000"),
            Map.entry("blue", "0000ff"), Map.entry("navy", "000080"), Map.entry("maroon", "800000"),
            Map.entry("purple", "800080"), Map.entry("teal", "008080"), Map.entry("olive", "808000"),
            Map.entry("gray", "808080"), Map.entry("grey", "808080"), Map.entry("silver", "c0c0c0"),
            Map.entry("yellow", "ffff00"), Map.entry("lime", "00ff00"), Map.entry("aqua", "00ffff"),
            Map.entry("cyan", "00ffff"), Map.entry("fuchsia", "ff00ff"), Map.entry("magenta", "ff00ff"),
            Map.entry("orange", "ffa500"), Map.entry("brown", "a52a2a"), Map.entry("darkred", "8b0000"),
            Map.entry("darkgreen", "006400"), Map.entry("darkblue", "00008b"), Map.entry("dimgray", "696969"),
            Map.entry("dimgrey", "696969"), Map.entry("darkgray", "a9a9a9"), Map.entry("darkgrey", "a9a9a9"),
            Map.entry("lightgray", "d3d3d3"), Map.entry("lightgrey", "d3d3d3"), Map.entry("gainsboro", "dcdcdc"),
            Map.entry("whitesmoke", "f5f5f5"), Map.entry("snow", "fffafa"), Map.entry("ivory", "fffff0"),
            Map.entry("ghostwhite", "f8f8ff"), Map.entry("azure", "f0ffff"), Map.entry("aliceblue", "f0f8ff"),
            Map.entry("mintcream", "f5fffa"), Map.entry("honeydew", "f0fff0"), Map.entry("seashell", "fff5ee"),
            Map.entry("linen", "faf0e6"), Map.entry("floralwhite", "fffaf0"), Map.entry("lavenderblush", "fff0f5"),
            Map.entry("beige", "f5f5dc"), Map.entry("lightyellow", "ffffe0"), Map.entry("crimson", "dc143c"),
            Map.entry("firebrick", "b22222"), Map.entry("darkslategray", "2f4f4f"),
            Map.entry("darkslategrey", "2f4f4f"), Map.entry("slategray", "708090"), Map.entry("slategrey", "708090"),
            Map.entry("midnightblue", "191970"), Map.entry("royalblue", "4169e1"), Map.entry("steelblue", "4682b4"),
            Map.entry("darkorange", "ff8c00"));
    private static final Pattern HEX = Pattern.compile("#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})");
    private static final Pattern FUNCTION = Pattern.compile("(rgba?|hsla?)\\(([^)]*)\\)");

    /** A colour as red, green, blue (0–255) and alpha (0–1); null for what is no colour this class knows. */
    static double[] colour(String value) {
        String v = value.strip();
        if (v.equals("transparent")) {
            return new double[]{0, 0, 0, 0};
        }
        String named = NAMED.get(v);
        if (named != null) {
            v = "#" + named;
        }
        Matcher hex = HEX.matcher(v);
        if (hex.matches()) {
            String h = hex.group(1);
            if (h.length() <= 4) {
                h = h.replaceAll("(.)", "$1$1");
            }
            return new double[]{Integer.parseInt(h.substring(0, 2), 16), Integer.parseInt(h.substring(2, 4), 16),
                    Integer.parseInt(h.substring(4, 6), 16), h.length() == 8 ? Integer.parseInt(h.substring(6), 16) / 255.0 : 1};
        }
        Matcher f = FUNCTION.matcher(v);
        if (!f.matches()) {
            return null;
        }
        String[] parts = f.group(2).replace("/", " ").replace(",", " ").strip().split("\\s+");
        if (parts.length < 3 || parts.length > 4) {
            return null;
        }
        try {
            double alpha = parts.length == 4 ? fraction(parts[3], 1) : 1;
            if (f.group(1).startsWith("rgb")) {
                return new double[]{fraction(parts[0], 255), fraction(parts[1], 255), fraction(parts[2], 255), alpha};
            }
            double h = Double.parseDouble(parts[0].replace("deg", "")) / 360;
            double s = fraction(parts[1], 100) / 100;
            double l = fraction(parts[2], 100) / 100;
            h = h - Math.floor(h);
            double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
            double p = 2 * l - q;
            return new double[]{255 * hue(p, q, h + 1.0 / 3), 255 * hue(p, q, h), 255 * hue(p, q, h - 1.0 / 3), alpha};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A channel written as a number of {@code scale} or a percentage of it, kept within 0 and {@code scale}. */
    private static double fraction(String part, double scale) {
        double v = part.endsWith("%") ? Double.parseDouble(part.substring(0, part.length() - 1)) * scale / 100
                : Double.parseDouble(part);
        return Math.max(0, Math.min(scale, v));
    }

    private static double hue(double p, double q, double t) {
        t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
        if (t < 1.0 / 6) {
            return p + (q - p) * 6 * t;
        }
        if (t < 0.5) {
            return q;
        }
        return t < 2.0 / 3 ? p + (q - p) * (2.0 / 3 - t) * 6 : p;
    }
}

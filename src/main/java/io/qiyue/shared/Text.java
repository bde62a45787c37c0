package io.qiyue.shared;

import java.util.OptionalInt;

/**
 * What text input may contain, and the null-safe checks every form and service needs for it.
 * <p>
 * Every text a user writes ends up in an XHTML, PDF or Word document, so a character that XML 1.0 cannot
 * carry (a control character other than tab, line feed and carriage return, U+FFFE/U+FFFF, half of a
 * surrogate pair) is refused at the door instead of failing every later rendering. Bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed: neither Chinese nor
 * English text needs them, and they make a name or file name read differently from what it is
 * ({@code 合同\u202Excod.exe}). So are the invisible zero-width space, word joiner and byte order mark
 * (U+200B, U+2060, U+FEFF), which make two names that look the same differ.
 */
public final class Text {
    private Text() {
    }

    /**
     * Whether there is no text: null, or only white space, control and invisible format characters
     * (zero-width space, byte order mark, bidi marks …), so that a required field of nothing visible is empty.
     */
    public static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!invisible(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** The text without leading and trailing white space, or null when there is none: optional fields are stored as null, never as "". */
    public static String blankToNull(String s) {
        return isBlank(s) ? null : strip(s);
    }

    /** Leading and trailing white space removed, including the ideographic and no-break spaces that {@link String#trim} keeps. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && space(s.charAt(start))) {
            start++;
        }
        while (end > start && space(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Text as it comes in (every JSON string, form field and request parameter passes here): refused with
     * {@link UnrenderableTextException} when it has a character no document can carry; bidi controls
     * removed; made empty when nothing visible is left, so that a required field of blanks is missing.
     */
    public static String input(String s) {
        if (s == null) {
            return null;
        }
        var bad = firstUnrenderable(s);
        if (bad.isPresent()) {
            throw new UnrenderableTextException(bad.getAsInt());
        }
        String cleaned = withoutHidingCharacters(s);
        return !cleaned.isEmpty() && isBlank(cleaned) ? "" : cleaned;
    }

    /** The first character that no document can carry, if any (as a code point; a lone surrogate as itself). */
    public static OptionalInt firstUnrenderable(String s) {
        if (s == null) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || unrenderable(c)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    /** {@code U+0001} for a message that names a character nobody can see. */
    public static String codePointName(int c) {
        return String.format("U+%04X", c);
    }

    /** Full-width round brackets as ASCII ones: a name is the same written 北京（朝阳） or 北京(朝阳). */
    public static String halfWidthBrackets(String s) {
        return s.replace('（', '(').replace('）', ')');
    }

    /** The text without bidi embeddings, overrides and isolates, nor invisible zero-width characters (null stays null). */
    public static String withoutHidingCharacters(String s) {
        if (s == null || s.chars().noneMatch(Text::hiding)) {
            return s;
        }
        var sb = new StringBuilder(s.length());
        s.chars().filter(c -> !hiding(c)).forEach(c -> sb.append((char) c));
        return sb.toString();
    }

    /** The text without the characters no document can carry (null stays null). */
    public static String withoutUnrenderable(String s) {
        if (s == null || firstUnrenderable(s).isEmpty()) {
            return s;
        }
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c) && !unrenderable(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The name of an uploaded file as it is kept: the last part of a path ({@code ../../x.docx},
     * {@code C:\x\y.docx} → {@code y.docx}), without characters no document can carry or bidi controls,
     * at most 255 characters with its extension kept; null when nothing is left.
     */
    public static String fileName(String original) {
        if (original == null) {
            return null;
        }
        String name = original;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (cut >= 0) {
            name = name.substring(cut + 1);
        }
        name = strip(withoutHidingCharacters(withoutUnrenderable(name)).replaceAll("[\\t\\n\\r]", ""));
        if (isBlank(name) || name.equals(".") || name.equals("..")) {
            return null;
        }
        if (name.length() > 255) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, 255 - extension.length()) + extension;
            if (Character.isHighSurrogate(name.charAt(254 - extension.length()))) {
                name = name.substring(0, 254 - extension.length()) + extension;
            }
        }
        return name;
    }

    /** Not allowed in XML 1.0 (C0 controls but tab, LF, CR; U+FFFE, U+FFFF), or a C1 control or DEL, which no document shows. */
    private static boolean unrenderable(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
    }

    /** Characters that change how text reads, or hide that two texts differ, without showing. */
    private static boolean hiding(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200B || c == 0x2060
                || c == 0xFEFF;
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.CONTROL
                || type == Character.FORMAT;
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}

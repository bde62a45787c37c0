package io.qiyue.shared;

/** The two null-safe string checks every form and service needs for optional text input. */
public final class Text {
    private Text() {
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The trimmed text, or null when there is none: optional fields are stored as null, never as "". */
    public static String blankToNull(String s) {
        return isBlank(s) ? null : s.trim();
    }
}

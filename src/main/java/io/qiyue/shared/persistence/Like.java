package io.qiyue.shared.persistence;

import java.util.Locale;

/** LIKE patterns from user text, with the wildcards escaped (backslash is the default escape on H2, PostgreSQL and MariaDB). */
public final class Like {
    private Like() {
    }

    /** {@code %text%} in lower case, for {@code LOWER(column) LIKE ?}. */
    public static String containsLower(String text) {
        return "%" + escape(text.trim().toLowerCase(Locale.ROOT)) + "%";
    }

    /** {@code %TEXT%} in upper case, for codes and numbers stored upper-case. */
    public static String containsUpper(String text) {
        return "%" + escape(text.trim().toUpperCase(Locale.ROOT)) + "%";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

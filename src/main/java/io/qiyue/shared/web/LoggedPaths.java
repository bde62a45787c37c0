package io.qiyue.shared.web;

import java.util.regex.Pattern;

/**
 * A request path as it may be written to the log: the secret of a customer's link ({@code /p/}, {@code /c/},
 * {@code /s/}) left out. Only the link's SHA-256 is stored, and a log line with the path would undo that.
 */
public final class LoggedPaths {
    private static final Pattern LINK_SECRET = Pattern.compile("^(/[pcs]/)[^/?#]+");

    private LoggedPaths() {
    }

    public static String of(String path) {
        return path == null ? null : LINK_SECRET.matcher(path).replaceFirst("$1…");
    }
}

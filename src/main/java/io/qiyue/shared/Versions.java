package io.qiyue.shared;

/** ETag and If-Match handling: the ETag of a resource is its version in quotes, {@code "3"}. */
public final class Versions {
    private Versions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /**
     * The version a client expects, from If-Match. Missing → 428; unparsable or {@code *} on an
     * update of a known version is treated as stale rather than as a wildcard, because a blind
     * overwrite is exactly what If-Match exists to prevent. A weak tag ({@code W/"3"}) is refused too:
     * If-Match compares strongly (RFC 9110, 13.1.1), and Qiyue never sends weak tags.
     */
    public static int expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("qiyue.problem.if-match-required");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            throw new PreconditionFailedException("qiyue.problem.if-match-weak", ifMatch);
        }
        tag = tag.replace("\"", "").trim();
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("qiyue.problem.if-match-invalid", ifMatch);
        }
    }

    public static void check(String ifMatch, int current) {
        if (expected(ifMatch) != current) {
            throw new PreconditionFailedException("qiyue.problem.stale", current);
        }
    }
}

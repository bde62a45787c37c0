package io.qiyue.review;

/**
 * What applying a finding's fix would change: the text at {@code path} of contract version {@code version}
 * {@code before} and {@code after} (null before: the field is empty today). {@link #changed()} locates the
 * change for a redline: the common start and end are left out.
 */
public record FixPreview(String ruleId, String path, int version, String before, String after) {

    /** before = prefix + removed + suffix, after = prefix + inserted + suffix, with the longest prefix and suffix. */
    public record Change(String prefix, String removed, String inserted, String suffix) {
    }

    public Change changed() {
        String b = before == null ? "" : before;
        String a = after == null ? "" : after;
        int p = 0;
        while (p < b.length() && p < a.length() && b.charAt(p) == a.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < b.length() - p && s < a.length() - p
                && b.charAt(b.length() - 1 - s) == a.charAt(a.length() - 1 - s)) {
            s++;
        }
        return new Change(b.substring(0, p), b.substring(p, b.length() - s), a.substring(p, a.length() - s),
                b.substring(b.length() - s));
    }
}

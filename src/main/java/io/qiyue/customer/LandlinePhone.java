package io.qiyue.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mainland China fixed-line numbers: an area code (010 and 02x, or 0 and three digits such as 0755), a local
 * number of 7 or 8 digits that does not start with 0, and an optional extension of up to 6 digits; or a
 * nationwide 400/800 service number of 10 digits. Written with or without separators, brackets, +86, and an
 * extension after 转, 分机, ext, x or #, they are kept as {@code 010-12345678}, {@code 0755-12345678-123},
 * {@code 400-810-8888}.
 */
public final class LandlinePhone {
    private static final Pattern EXTENSION_WORD =
            Pattern.compile("\\s*(?:转|分机|ext\\.?|x|#)\\s*(\\d{1,6})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_GROUP = Pattern.compile("[-\\s](\\d{1,6})$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()（）]");
    private static final Pattern SERVICE = Pattern.compile("(400|800)(\\d{3})(\\d{4})");
    private static final Pattern AREA_CODE = Pattern.compile("^(010|02\\d|0[3-9]\\d{2})");
    private static final Pattern LOCAL = Pattern.compile("[1-9]\\d{6,7}");

    private LandlinePhone() {
    }

    /** The number as kept, or null if the input is not a mainland fixed-line or 400/800 number. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        String extension = null;
        Matcher word = EXTENSION_WORD.matcher(text);
        if (word.find()) {
            extension = word.group(1);
            text = text.substring(0, word.start());
        }
        String whole = canonical(digits(text), extension);
        if (whole != null || extension != null) {
            return whole;
        }
        // 0755-12345678-123: a last short group after a separator is the extension
        Matcher trailing = TRAILING_GROUP.matcher(text);
        return trailing.find() ? canonical(digits(text.substring(0, trailing.start())), trailing.group(1)) : null;
    }

    /** {@code 0755-****5678}: the area code and the last four digits; the extension, a switchboard's, stays. */
    public static String mask(String landline) {
        if (landline == null) {
            return null;
        }
        String[] parts = landline.split("-");
        if (parts.length < 2) {
            return landline;
        }
        if (SERVICE.matcher(landline.replace("-", "")).matches()) {
            return parts[0] + "-***-" + parts[parts.length - 1];
        }
        String local = parts[1];
        String masked = parts[0] + "-" + "*".repeat(local.length() - 4) + local.substring(local.length() - 4);
        return parts.length > 2 ? masked + "-" + parts[2] : masked;
    }

    private static String digits(String text) {
        String plain = SEPARATORS.matcher(text).replaceAll("");
        if (plain.startsWith("+86")) {
            plain = "0" + plain.substring(3);
        } else if (plain.startsWith("0086")) {
            plain = "0" + plain.substring(4);
        }
        return plain.chars().allMatch(Character::isDigit) && !plain.isEmpty() ? plain : null;
    }

    private static String canonical(String digits, String extension) {
        if (digits == null) {
            return null;
        }
        String suffix = extension == null ? "" : "-" + extension;
        Matcher service = SERVICE.matcher(digits);
        if (service.matches()) {
            return service.group(1) + "-" + service.group(2) + "-" + service.group(3) + suffix;
        }
        Matcher area = AREA_CODE.matcher(digits);
        if (!area.find()) {
            return null;
        }
        String local = digits.substring(area.end());
        return LOCAL.matcher(local).matches() ? area.group(1) + "-" + local + suffix : null;
    }
}

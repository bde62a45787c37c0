package io.qiyue.customer;

import java.util.regex.Pattern;

/** Mainland China mobile numbers: 11 digits starting 13–19, optionally written with +86 / 86. */
public final class MobilePhone {
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private MobilePhone() {
    }

    /** The 11-digit number, or null if the input is not a mainland mobile number. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return MOBILE.matcher(digits).matches() ? digits : null;
    }

    /** {@code 138****8000} */
    public static String mask(String mobile) {
        return mobile == null || mobile.length() != 11 ? mobile : mobile.substring(0, 3) + "****" + mobile.substring(7);
    }
}

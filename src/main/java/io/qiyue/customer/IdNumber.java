package io.qiyue.customer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character, starting with the code of a
 * province-level division, with a birth date that exists and is not in the future (review rule QY-I002). Personal
 * information: never logged, stored encrypted, shown masked.
 */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public enum Problem { LENGTH, CHARACTER, REGION, BIRTH_DATE, CHECK_DIGIT }

    /**
     * The province-level divisions of GB/T 2260, by the first two digits of their codes: 11–15, 21–23, 31–37, 41–46,
     * 50–54, 61–65, 71 台湾, 81 香港, 82 澳门; and 83, the prefix of the 台湾居民居住证. Residence permits of Hong Kong,
     * Macau and Taiwan residents (810000…, 820000…, 830000…) are numbered like a 居民身份证, with the same birth date
     * and check character, and are what those residents sign with on the mainland; 81 and 82 already passed as
     * divisions, so refusing 83 alone turned away only the Taiwan residents. Not 91: no division, and the 2023
     * foreigners' permanent residence card that starts with 9 is numbered differently.
     */
    private static final java.util.Set<String> PROVINCES = java.util.Set.of("11", "12", "13", "14", "15", "21", "22",
            "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53",
            "54", "61", "62", "63", "64", "65", "71", "81", "82", "83");

    private IdNumber() {
    }

    public static String normalise(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    public static Problem check(String id, LocalDate today) {
        if (id == null || id.length() != 18) {
            return Problem.LENGTH;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return Problem.CHARACTER;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = id.charAt(17);
        if ((last < '0' || last > '9') && last != 'X') {
            return Problem.CHARACTER;
        }
        if (!PROVINCES.contains(id.substring(0, 2))) {
            return Problem.REGION;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.isAfter(today) || birth.getYear() < 1850) {
                return Problem.BIRTH_DATE;
            }
        } catch (DateTimeException e) {
            return Problem.BIRTH_DATE;
        }
        return CHECK.charAt(sum % 11) == last ? null : Problem.CHECK_DIGIT;
    }

    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** {@code 110105********1234}: region code and last four only. */
    public static String mask(String id) {
        if (id == null) {
            return null;
        }
        return id.length() < 10 ? "*".repeat(id.length()) : id.substring(0, 6) + "*".repeat(id.length() - 10)
                + id.substring(id.length() - 4);
    }
}
